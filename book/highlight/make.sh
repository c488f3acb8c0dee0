#!/usr/bin/env bash
# Write book/theme/highlight.js: highlight.js 10.1.1 (the version mdBook
# ships, so its themes' colours still apply) with only the languages the
# book's listings use. mdBook's own copy carries 45 languages in 134 KB;
# this one carries 7 in about a fifth of that, which every page loads less.
#
# The check `every_listing_language_is_one_the_highlighter_knows`
# (tests/book.rs) fails when a page uses a language not listed here: add it
# to LANGUAGES and run, from the repository's root, with Node.js and npm:
#
#     bash book/highlight/make.sh
set -euo pipefail
LANGUAGES=(rust plaintext ini json bash shell python)
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent highlight.js@10.1.1 >/dev/null
tar xzf highlight.js-10.1.1.tgz
npm install --silent --no-save terser@5 >/dev/null
# Each file of the package is a CommonJS module: run it with its own
# `module` and keep what it exports.
module() { printf '(function () { var module = { exports: {} };\n'; cat "$1"; printf '\nreturn module.exports; })()'; }
{
    printf 'var hljs = '; module package/lib/core.js; printf ';\n'
    for language in "${LANGUAGES[@]}"; do
        printf 'hljs.registerLanguage("%s", ' "$language"
        module "package/lib/languages/$language.js"
        printf ');\n'
    done
} >all.js
{
    printf '/*\n  Highlight.js 10.1.1, with the languages %s only:\n' "${LANGUAGES[*]}"
    printf '  written by book/highlight/make.sh.\n  License: BSD-3-Clause\n'
    printf '  Copyright (c) 2006-2020, Ivan Sagalaev\n*/\n'
    npx --no-install terser all.js --compress --mangle
    printf '\n'
} >"$root/book/theme/highlight.js"
cp package/LICENSE "$root/book/highlight/LICENSE"
echo "book/theme/highlight.js: ${LANGUAGES[*]}, $(wc -c <"$root/book/theme/highlight.js") bytes"
