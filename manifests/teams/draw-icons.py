#!/usr/bin/env python3
"""Draws color.png (192x192) and outline.png (32x32, white on transparent) for the Teams package.

No third-party libraries: a PNG is zlib-compressed RGBA rows. Run from this folder.
"""
import struct
import zlib


def png(path, size, pixel):
    rows = b''.join(b'\x00' + b''.join(bytes(pixel(x, y, size)) for x in range(size)) for y in range(size))

    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)

    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n'
                + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0))
                + chunk(b'IDAT', zlib.compress(rows, 9))
                + chunk(b'IEND', b''))


def arrow(x, y, size):
    """An upward arrow, centred: a triangular head over a stem."""
    u, v = x / size, y / size
    head = 0.18 <= v <= 0.5 and abs(u - 0.5) <= (v - 0.18) * 0.9
    stem = 0.5 < v <= 0.82 and abs(u - 0.5) <= 0.1
    return head or stem


png('color.png', 192, lambda x, y, s: (255, 255, 255, 255) if arrow(x, y, s) else (31, 111, 178, 255))
png('outline.png', 32, lambda x, y, s: (255, 255, 255, 255) if arrow(x, y, s) else (0, 0, 0, 0))
