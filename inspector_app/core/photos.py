"""Photos of findings: the original kept untouched, a downscaled copy for printing."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy.orm import Session

from inspector_app.store.blobs import BlobStore, store_blob
from inspector_app.store.models import Finding, Inspection, Photo, utcnow

from .errors import NotFound, UserError

PRINT_MAX_SIDE = 1024
PRINT_JPEG_QUALITY = 80
MAX_PHOTO_BYTES = 40 * 1024 * 1024
MAX_PIXELS = 80_000_000  # well above any phone camera, well below a decompression bomb
ACCEPTED_FORMATS = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "HEIF": "image/heif",
    "BMP": "image/bmp",
    "TIFF": "image/tiff",
}


def read_image(data: bytes, *, name: str = "photo") -> Image.Image:
    """Open and fully decode an image, or refuse it with a message that says why."""
    if len(data) > MAX_PHOTO_BYTES:
        raise UserError(
            f"{name}: larger than {MAX_PHOTO_BYTES // 2**20} MB",
            message_zh=f"{name}：文件超过{MAX_PHOTO_BYTES // 2**20}MB",
        )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            if probe.width * probe.height > MAX_PIXELS:
                raise UserError(
                    f"{name}: image is too large ({probe.width}x{probe.height})",
                    message_zh=f"{name}：图片像素过大",
                )
        image = Image.open(io.BytesIO(data))
        image.load()
    except UserError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise UserError(
            f"{name}: not a readable image ({exc.__class__.__name__})",
            message_zh=f"{name}：不是可识别的图片文件",
        ) from None
    if fmt not in ACCEPTED_FORMATS:
        raise UserError(
            f"{name}: image format {fmt} is not accepted",
            message_zh=f"{name}：不支持的图片格式 {fmt}",
        )
    return image


def print_copy(image: Image.Image) -> tuple[bytes, int, int]:
    """A JPEG no larger than PRINT_MAX_SIDE, upright (EXIF orientation applied)."""
    img = ImageOps.exif_transpose(image).convert("RGB")
    img.thumbnail((PRINT_MAX_SIDE, PRINT_MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=PRINT_JPEG_QUALITY, optimize=True)
    return out.getvalue(), img.width, img.height


def add_photo(
    session: Session,
    blobs: BlobStore,
    *,
    inspection_id: str,
    data: bytes,
    finding_id: str | None = None,
    item_result_id: str | None = None,
    caption: str = "",
    taken_at: dt.datetime | None = None,
    name: str = "photo",
) -> Photo:
    inspection = session.get(Inspection, inspection_id)
    if inspection is None or inspection.deleted:
        raise NotFound(f"inspection {inspection_id} not found", message_zh="未找到该检查")
    if finding_id is not None:
        finding = session.get(Finding, finding_id)
        if finding is None or finding.deleted:
            raise NotFound(f"finding {finding_id} not found", message_zh="未找到该问题")
    image = read_image(data, name=name)
    media_type = ACCEPTED_FORMATS[image.format]
    original = store_blob(
        session, blobs, data, media_type=media_type, width=image.width, height=image.height
    )
    small, width, height = print_copy(image)
    printable = store_blob(
        session, blobs, small, media_type="image/jpeg", width=width, height=height
    )
    photo = Photo(
        inspection_id=inspection_id,
        finding_id=finding_id,
        item_result_id=item_result_id,
        original_sha256=original,
        print_sha256=printable,
        caption=caption,
        taken_at=taken_at or utcnow(),
    )
    session.add(photo)
    session.flush()
    return photo


def remove_photo(session: Session, *, photo_id: str) -> None:
    photo = session.get(Photo, photo_id)
    if photo is None:
        raise NotFound(f"photo {photo_id} not found", message_zh="未找到该照片")
    photo.deleted = True


def blob_bytes(session: Session, blobs: BlobStore, sha: str) -> bytes:
    """A stored file for printing or showing; one a scoped laptop knows only by hash (the
    office keeps it) or one that is missing is said in words, not as a crash."""
    from inspector_app.store.blobs import BlobError
    from inspector_app.store.models import Blob

    row = session.get(Blob, sha)
    if row is not None and row.remote:
        raise UserError(
            f"file {sha[:16]}… is kept at the office: fetch it when online "
            "(inspector blobs fetch --inspection ID)",
            message_zh="该照片或签名存于局端，请联网后获取（同步范围以外的历史资料）",
        )
    try:
        return blobs.get(sha)
    except BlobError as exc:
        raise UserError(str(exc), message_zh="照片、签名或文书文件缺失或损坏") from None
