"""Password hashing (argon2) and personal access tokens (stored as sha256)."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
TOKEN_PREFIX = "cbk_"
# Verified against when the email is unknown, so a wrong email costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def new_token() -> tuple[str, str]:
    """A fresh token secret and the hash that is stored in its place."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    return secret, hash_token(secret)


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


# ---------------------------------------------------------------- polyglots
def foreign_trailing_bytes(data: bytes, content_type: str) -> int:
    """Bytes after the image that no camera writes there: the second format of a polyglot.

    Phones do append data after a JPEG's end: more JPEGs (MPF depth maps, HDR gain maps), an
    MP4 (motion photos) or Samsung's SEFT trailer. Those are allowed; a ZIP, HTML, a script or
    anything else is not. Returns 0 when the file is only an image (or a camera's image).
    """
    trailing = image_trailing_bytes(data, content_type)
    if not trailing or _is_camera_trailer(data[len(data) - trailing :], data):
        return 0
    return trailing


def _is_camera_trailer(trailer: bytes, whole: bytes) -> bool:
    if trailer.startswith(b"\xff\xd8\xff"):  # MPF: secondary JPEG images
        return True
    if trailer[4:8] == b"ftyp":  # motion photo: an MP4 after the still
        return True
    return whole.endswith(b"SEFT")  # Samsung's trailer directory ends the file


def image_trailing_bytes(data: bytes, content_type: str) -> int:
    """How many bytes follow the end of the image (IEND, EOI, the RIFF or last ISO box).

    Data after the image is how a file becomes two formats at once (a PNG that is also a ZIP, a
    JPEG followed by HTML). 0 when the image ends where the file ends, or when its structure
    cannot be walked (then the decoder is the judge).
    """
    finder = _END_FINDERS.get(content_type)
    end = finder(data) if finder else None
    return max(0, len(data) - end) if end is not None else 0


def _png_end(data: bytes) -> int | None:
    position = 8
    while position + 12 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        position += 12 + length
        if kind == b"IEND":
            return position
    return None


def _jpeg_end(data: bytes) -> int | None:
    """Walk the marker segments; entropy-coded data runs to the next marker that is not RSTn."""
    position, size = 2, len(data)
    while position + 2 <= size:
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
        elif marker == 0xD9:  # EOI
            return position + 2
        elif 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            position += 2
        else:
            position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
            if marker == 0xDA:  # start of scan
                position = _after_entropy_data(data, position)
    return None


def _after_entropy_data(data: bytes, position: int) -> int:
    while (position := data.find(b"\xff", position)) != -1 and position + 1 < len(data):
        following = data[position + 1]
        if following != 0x00 and not 0xD0 <= following <= 0xD7:
            return position
        position += 2
    return len(data)


def _webp_end(data: bytes) -> int | None:
    if len(data) < 12:
        return None
    riff_size = int.from_bytes(data[4:8], "little")
    return 8 + riff_size + (riff_size & 1)


def _iso_bmff_end(data: bytes) -> int | None:
    """HEIC: the end of the last top-level box."""
    position = 0
    while position + 8 <= len(data):
        size = int.from_bytes(data[position : position + 4], "big")
        if size == 1:
            size = int.from_bytes(data[position + 8 : position + 16], "big")
        elif size == 0:  # the box runs to the end of the file
            return len(data)
        if size < 8:
            return None
        position += size
    return position if position == len(data) else None


_END_FINDERS = {
    "image/png": _png_end,
    "image/jpeg": _jpeg_end,
    "image/webp": _webp_end,
    "image/heic": _iso_bmff_end,
}
