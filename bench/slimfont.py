#!/usr/bin/python3
"""An experiment, not a product: writes a copy of a TrueType font that libharu 2.3 embeds smaller in CP1252
mode. The post table becomes format 3 (no glyph names: 27 KB in Liberation Sans) and the advance widths of
glyphs no CP1252 character reaches are zeroed (they then compress to nothing). bench/run makes such copies
of the two Liberation Sans faces in its work folder and times the floor on them ("floor, slim faces"), to
price what the font tables cost.  Keep such copies temporary: Liberation is under the SIL OFL, whose Reserved
Font Name forbids distributing a modified font under that name.

usage: slimfont.py IN.ttf OUT.ttf   (a TrueType font with a Windows Unicode BMP cmap, format 4)"""
import struct
import sys

CP1252_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)


def tables(font):
    """{tag: (index in the table directory, offset, length)}"""
    n = struct.unpack(">H", font[4:6])[0]
    out = {}
    for i in range(n):
        tag, _, off, length = struct.unpack(">4sIII", font[12 + 16 * i:28 + 16 * i])
        out[tag] = (i, off, length)
    return out


def glyph_lookup(font, cmap):
    """A function from code point to glyph index, by the Windows Unicode BMP subtable (format 4)."""
    count = struct.unpack(">H", font[cmap + 2:cmap + 4])[0]
    sub = None
    for i in range(count):
        platform, encoding, offset = struct.unpack(">HHI", font[cmap + 4 + 8 * i:cmap + 12 + 8 * i])
        if (platform, encoding) == (3, 1):
            sub = cmap + offset
    if sub is None or struct.unpack(">H", font[sub:sub + 2])[0] != 4:
        sys.exit("slimfont: no Windows Unicode BMP cmap (format 4)")
    segx2 = struct.unpack(">H", font[sub + 6:sub + 8])[0]
    seg = segx2 // 2
    ends = struct.unpack(f">{seg}H", font[sub + 14:sub + 14 + segx2])
    starts = struct.unpack(f">{seg}H", font[sub + 16 + segx2:sub + 16 + 2 * segx2])
    deltas = struct.unpack(f">{seg}h", font[sub + 16 + 2 * segx2:sub + 16 + 3 * segx2])
    range_at = sub + 16 + 3 * segx2
    ranges = struct.unpack(f">{seg}H", font[range_at:range_at + segx2])

    def glyph(cp):
        for k in range(seg):
            if starts[k] <= cp <= ends[k]:
                if ranges[k] == 0:
                    return (cp + deltas[k]) & 0xFFFF
                at = range_at + 2 * k + ranges[k] + 2 * (cp - starts[k])
                g = struct.unpack(">H", font[at:at + 2])[0]
                return (g + deltas[k]) & 0xFFFF if g else 0
        return 0
    return glyph


def main(src, dst):
    font = bytearray(open(src, "rb").read())
    t = tables(font)
    glyph = glyph_lookup(font, t[b"cmap"][1])
    used = {0} | {glyph(ord(bytes([b]).decode("cp1252"))) for b in range(32, 256) if b not in CP1252_UNDEFINED}
    hhea, hmtx = t[b"hhea"][1], t[b"hmtx"][1]
    for g in range(struct.unpack(">H", font[hhea + 34:hhea + 36])[0]):  # numberOfHMetrics
        if g not in used:
            font[hmtx + 4 * g:hmtx + 4 * g + 4] = bytes(4)
    index, post, _ = t[b"post"]
    font[post:post + 4] = struct.pack(">I", 0x00030000)  # format 3: the 32-byte header only
    struct.pack_into(">4sIII", font, 12 + 16 * index, b"post", 0, post, 32)
    with open(dst, "wb") as f:
        f.write(font)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: slimfont.py IN.ttf OUT.ttf")
    main(sys.argv[1], sys.argv[2])
