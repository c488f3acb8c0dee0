//! A tiny PNG writer, for heat maps drawn as one embedded image
//! ([`Heatmap::raster`](crate::Heatmap::raster)) instead of one `<rect>`
//! per cell: a 25 x 25 grid is about 2.5 KB as an image against 45 KB as
//! rectangles, which is what lets a page carry dozens of frames of one.
//!
//! The pixels are stored, not compressed (deflate's "stored" blocks), so
//! the bytes depend on nothing but the colours: the same grid always gives
//! the same image, on any machine.

/// The PNG file of an image `width` pixels wide whose rows of RGB pixels
/// are `rows` (top row first), every row `width` long.
pub(crate) fn rgb_png(width: usize, rows: &[Vec<[u8; 3]>]) -> Vec<u8> {
    let height = rows.len();
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&u32_be(width));
    header.extend_from_slice(&u32_be(height));
    // 8 bits per channel, colour type 2 (RGB), deflate, adaptive filters, no interlace.
    header.extend_from_slice(&[8, 2, 0, 0, 0]);

    // Each row: filter type 0 (none), then its pixels.
    let mut raw = Vec::with_capacity(height * (1 + 3 * width));
    for row in rows {
        debug_assert_eq!(row.len(), width, "every row of the image is as wide");
        raw.push(0);
        for pixel in row {
            raw.extend_from_slice(pixel);
        }
    }

    let mut png = vec![0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];
    chunk(&mut png, *b"IHDR", &header);
    chunk(&mut png, *b"IDAT", &zlib_stored(&raw));
    chunk(&mut png, *b"IEND", &[]);
    png
}

/// `value` as 4 bytes, most significant first (the image is far smaller
/// than 4 G pixels a side).
fn u32_be(value: usize) -> [u8; 4] {
    u32::try_from(value)
        .expect("an image side fits in 32 bits")
        .to_be_bytes()
}

/// Appends one chunk: its length, type, data and the CRC of type and data.
fn chunk(png: &mut Vec<u8>, kind: [u8; 4], data: &[u8]) {
    png.extend_from_slice(&u32_be(data.len()));
    let start = png.len();
    png.extend_from_slice(&kind);
    png.extend_from_slice(data);
    let crc = crc32(&png[start..]);
    png.extend_from_slice(&crc.to_be_bytes());
}

/// A zlib stream holding `data` in stored (uncompressed) deflate blocks.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    // CMF: deflate with a 32 K window; FLG: no dictionary, check bits so
    // that CMF * 256 + FLG is a multiple of 31.
    let mut out = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = if data.is_empty() {
        vec![&[]]
    } else {
        data.chunks(usize::from(u16::MAX)).collect()
    };
    for (index, block) in blocks.iter().enumerate() {
        let last = index + 1 == blocks.len();
        out.push(u8::from(last));
        let length = u16::try_from(block.len()).expect("a stored block holds at most 65535 bytes");
        out.extend_from_slice(&length.to_le_bytes());
        out.extend_from_slice(&(!length).to_le_bytes());
        out.extend_from_slice(block);
    }
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

/// The CRC-32 of PNG chunks (polynomial 0xEDB88320, reflected).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffff_u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The Adler-32 checksum that ends a zlib stream.
fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1_u32, 0_u32);
    for &byte in bytes {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

/// `bytes` in base64 (RFC 4648, with padding), for a `data:` URI.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let b = [
            group[0],
            group.get(1).copied().unwrap_or(0),
            group.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (k, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if k <= group.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checksums_match_their_published_values() {
        // The check values of CRC-32 and Adler-32 for the ASCII digits 1 to 9,
        // and the CRC of an empty IEND chunk that every PNG ends with.
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(adler32(b"123456789"), 0x091e_01de);
        assert_eq!(crc32(b"IEND"), 0xae42_6082);
        assert_eq!(adler32(b""), 1);
    }

    #[test]
    fn base64_pads_to_groups_of_four() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
    }

    #[test]
    fn a_png_has_its_signature_header_and_pixels() {
        let red = [0xff, 0, 0];
        let blue = [0, 0, 0xff];
        let png = rgb_png(2, &[vec![red, blue], vec![blue, red]]);
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        // IHDR: length 13, then width 2 and height 2.
        assert_eq!(&png[8..16], b"\0\0\0\x0dIHDR");
        assert_eq!(&png[16..24], &[0, 0, 0, 2, 0, 0, 0, 2]);
        assert!(png.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xae, 0x42, 0x60, 0x82]));
        // The pixels are stored as they are, each row after its filter byte.
        let rows = [0, 0xff, 0, 0, 0, 0, 0xff, 0, 0, 0, 0xff, 0xff, 0, 0];
        assert!(png.windows(rows.len()).any(|window| window == rows));
    }

    #[test]
    fn a_stored_block_holds_at_most_65535_bytes() {
        let data = vec![7; 70_000];
        let stream = zlib_stored(&data);
        // Header, two blocks of 5 header bytes each, the data, the checksum.
        assert_eq!(stream.len(), 2 + 5 + 65_535 + 5 + (70_000 - 65_535) + 4);
        assert_eq!(stream[2], 0, "the first block is not the last");
        assert_eq!(stream[2 + 5 + 65_535], 1, "the second block is the last");
    }
}
