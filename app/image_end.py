"""Where an image file's own data ends: bytes after it make the file two things at once.

Each container is walked by its structure (JPEG markers, PNG chunks, the RIFF size, ISO-BMFF
boxes), never by searching for magic bytes, so data appended after a valid image (a ZIP, an
HTML page: a polyglot) is found wherever it starts.
"""

from __future__ import annotations

import struct

JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM and RST0..7 carry no length
# MP4 brands of the clips phones append to a still (Google motion photos, Samsung).
SAMSUNG_MOTION_MARK = b"MotionPhoto_Data"
SAMSUNG_TRAILER_END = b"SEFT"
MOTION_CLIP_BRANDS = (b"isom", b"mp41", b"mp42", b"iso4", b"iso5", b"iso6", b"avc1", b"qt  ")


def image_end(data: bytes, content_type: str) -> int | None:
    """Offset just past the image's last byte; None when the structure is broken."""
    finder = {
        "image/jpeg": jpeg_end,
        "image/png": png_end,
        "image/webp": webp_end,
        "image/heic": bmff_end,
    }
    return finder[content_type](data)


def jpeg_end(data: bytes) -> int | None:
    position = 2  # after SOI
    while position + 1 < len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
        elif marker == 0xD9:  # EOI
            return position + 2
        elif marker in JPEG_STANDALONE:
            position += 2
        elif position + 4 > len(data):
            return None
        else:
            after = position + 2 + int.from_bytes(data[position + 2 : position + 4], "big")
            position = _skip_entropy_coded(data, after) if marker == 0xDA else after
    return None


def _skip_entropy_coded(data: bytes, position: int) -> int:
    """After a scan header: the next marker that is neither stuffing (FF00) nor a restart."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= len(data):
            return len(data)
        following = data[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            position += 1
            continue
        return position


def png_end(data: bytes) -> int | None:
    position = 8
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        position += 12 + length
        if kind == b"IEND":
            return position if position <= len(data) else None
    return None


def webp_end(data: bytes) -> int | None:
    if len(data) < 12:
        return None
    size = struct.unpack("<I", data[4:8])[0]
    end = 8 + size + (size & 1)  # RIFF pads odd sizes to even
    return end if end <= len(data) + (size & 1) else None


def bmff_end(data: bytes) -> int | None:
    position = 0
    while position + 8 <= len(data):
        size = struct.unpack(">I", data[position : position + 4])[0]
        if size == 0:  # the last box runs to the end of the file
            return len(data)
        if size == 1:
            if position + 16 > len(data):
                return None
            size = struct.unpack(">Q", data[position + 8 : position + 16])[0]
        if size < 8:
            return None
        position += size
    return position if position == len(data) else None


def split_trailer(data: bytes, content_type: str) -> tuple[int, str]:
    """Where the image data ends, and what follows it: "", "padding", "motion" or "unknown".

    Phones store extra JPEGs after the first one (Multi-Picture Format: depth and gain maps),
    each walked by its own structure; Pixel and Samsung "motion photos" then append an MP4
    clip, Samsung its own metadata. The caller keeps only the images before such a trailer;
    anything else after the image makes the file two formats at once.
    """
    end = image_end(data, content_type)
    if end is None:
        return len(data), ""  # a broken structure is for the decoder to judge
    while content_type == "image/jpeg" and data[end : end + 3] == b"\xff\xd8\xff":
        following = jpeg_end(data[end:])
        if following is None:
            return end, "unknown"
        end += following
    return end, _trailer_kind(data[end:])


def _trailer_kind(trailer: bytes) -> str:
    if not trailer:
        return ""
    if not trailer.strip(b"\x00\xff\r\n"):
        return "padding"
    if trailer[4:8] == b"ftyp" and trailer[8:12] in MOTION_CLIP_BRANDS:
        return "motion"
    if trailer.startswith(SAMSUNG_MOTION_MARK) or trailer.endswith(SAMSUNG_TRAILER_END):
        return "motion"  # Samsung: the clip behind its marker, metadata closed by "SEFT"
    return "unknown"


def unexplained_trailer(data: bytes, content_type: str) -> int:
    """How many bytes follow the image that are neither padding, more JPEGs nor a motion clip."""
    end, kind = split_trailer(data, content_type)
    return len(data) - end if kind == "unknown" else 0
