//! A small convolutional network for the digits: 8 kernels of 3 × 3, tanh,
//! max-pooling of 2 × 2 blocks, then a dense layer to the ten logits of
//! chapter 8's softmax cross-entropy.

use chapter_08::{Activation, Dense, Network, PIXELS, TrainableNetwork, scaled_dense, seeded_rng};

use crate::convolution::{Convolution, MaxPool};
use crate::im2col::Im2col;
use crate::image::ImageShape;

/// The kernels of the digits network.
pub const KERNELS: usize = 8;
/// Their side.
pub const KERNEL_SIZE: usize = 3;
/// The side of the blocks the network pools.
pub const POOL: usize = 2;

// ANCHOR: conv_digits_network
/// The layers of the convolutional digits network, drawn from
/// `seeded_rng(seed)`: a convolutional layer of 8 kernels of 3 × 3 on the
/// 8 × 8 image (giving 8 channels of 6 × 6), max-pooling of 2 × 2 blocks
/// (8 channels of 3 × 3, 72 numbers), and a dense layer from those 72
/// numbers to the 10 logits.
#[must_use]
pub fn conv_digits_layers(seed: u64) -> (Convolution, MaxPool, Dense) {
    let mut rng = seeded_rng(seed);
    let image = ImageShape::new(1, 8, 8);
    debug_assert_eq!(image.len(), PIXELS);
    let convolution = Convolution::random(image, KERNELS, KERNEL_SIZE, &mut rng);
    let pool = MaxPool::new(convolution.output_shape(), POOL)
        .expect("2 divides the 6 × 6 of the convolution's output");
    let dense = scaled_dense(pool.output_shape().len(), 10, &mut rng);
    (convolution, pool, dense)
}

/// The network: convolution (computed as [`Im2col`]), tanh, max-pooling,
/// dense. Its outputs are logits for [`chapter_08::SoftmaxCrossEntropy`].
#[must_use]
pub fn conv_digits_network(seed: u64) -> TrainableNetwork {
    let (convolution, pool, dense) = conv_digits_layers(seed);
    Network::new(vec![
        Box::new(Im2col(convolution)),
        Box::new(Activation::tanh()),
        Box::new(pool),
        Box::new(dense),
    ])
}
// ANCHOR_END: conv_digits_network

/// The number of numbers a network learns: every entry of every parameter.
#[must_use]
pub fn parameter_count(network: &TrainableNetwork) -> usize {
    network
        .layers()
        .iter()
        .flat_map(|layer| layer.parameters())
        .map(|parameter| parameter.len())
        .sum()
}
