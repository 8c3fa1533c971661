#!/usr/bin/env bash
# Redraws the two icons (committed; run only to change them): a dial pad, since NumbersBot is about phone numbers.
# Needs ImageMagick's convert (apt-get install -y imagemagick).
#   color.png    192x192, white keys on the accent colour (manifest.json accentColor)
#   outline.png  32x32, white keys on a fully transparent background
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

keys() { # keys X0 Y0 STEP RADIUS: a 3x4 grid of circles as ImageMagick draw primitives
    awk -v x0="$1" -v y0="$2" -v step="$3" -v r="$4" 'BEGIN {
        for (row = 0; row < 4; row++) for (col = 0; col < 3; col++) {
            x = x0 + col * step; y = y0 + row * step
            printf "circle %g,%g %g,%g ", x, y, x + r, y
        }
    }'
}

convert -size 192x192 xc:'#3B4FA8' -fill white -draw "$(keys 68 54 28 10)" -define png:exclude-chunks=date,time PNG24:color.png
# Anti-aliased edges must stay white, only more transparent: set every pixel's colour to white, keep the alpha.
convert -size 32x32 xc:none -fill white -draw "$(keys 8.5 4.75 7.5 2.4)" -channel RGB -evaluate set 100% +channel -define png:exclude-chunks=date,time PNG32:outline.png
