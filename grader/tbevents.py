"""Read TensorBoard event files back, without TensorFlow or TensorBoard.

An event file (``events.out.tfevents.*``, written by tensorboardX's or torch.utils.tensorboard's
``SummaryWriter``) is a TFRecord stream: for each record, a little-endian u64 length, the masked
CRC-32C of those 8 bytes, the payload, and the masked CRC-32C of the payload. Each payload is a
serialized ``Event`` protobuf (``tensorboardx.proto.event_pb2``): a wall time, a step, and either
file metadata or a ``Summary`` of tagged values (``simple_value`` for scalars, an encoded PNG for
images). The project's tests check that TensorBoard's own ``EventAccumulator`` reads the same.

Checks call these helpers inside their probes and return plain data (tags, steps, floats, pixel
arrays) to be compared with the reference's.
"""

from __future__ import annotations

import io
import os
import struct
from pathlib import Path
from typing import Any

EVENT_PREFIX = "events.out.tfevents."


class CorruptEventFile(ValueError):
    """A record whose length or checksum does not match: the file is truncated or damaged."""


def masked_crc32c(data: bytes) -> int:
    from tensorboardX.crc32c import crc32c

    x = crc32c(data) & 0xFFFFFFFF
    return (((x >> 15) | (x << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def read_records(path: str | Path) -> list[bytes]:
    """The payloads of a TFRecord file, each checked against its CRCs."""
    data = Path(path).read_bytes()
    records, at = [], 0
    while at < len(data):
        if at + 12 > len(data):
            raise CorruptEventFile(f"{path}: truncated record header at byte {at}")
        header = data[at:at + 8]
        (length,) = struct.unpack("<Q", header)
        (header_crc,) = struct.unpack("<I", data[at + 8:at + 12])
        if header_crc != masked_crc32c(header):
            raise CorruptEventFile(f"{path}: bad length checksum at byte {at}")
        start, end = at + 12, at + 12 + length
        if end + 4 > len(data):
            raise CorruptEventFile(f"{path}: truncated record at byte {at}")
        payload = data[start:end]
        (payload_crc,) = struct.unpack("<I", data[end:end + 4])
        if payload_crc != masked_crc32c(payload):
            raise CorruptEventFile(f"{path}: bad data checksum at byte {at}")
        records.append(payload)
        at = end + 4
    return records


def read_events(path: str | Path) -> list[Any]:
    """The ``Event`` protobufs of one event file, in order."""
    from tensorboardX.proto import event_pb2

    events = []
    for payload in read_records(path):
        event = event_pb2.Event()
        event.ParseFromString(payload)
        events.append(event)
    return events


def event_files(root: str | Path) -> list[str]:
    """Every event file under ``root``, as sorted paths relative to ``root`` ('/'-separated)."""
    root = Path(root)
    found = [p.relative_to(root).as_posix() for p in root.rglob(f"{EVENT_PREFIX}*") if p.is_file()]
    return sorted(found)


def run_folders(root: str | Path) -> list[str]:
    """The folders under ``root`` holding event files (TensorBoard's "runs"), relative, sorted."""
    return sorted({os.path.dirname(f) or "." for f in event_files(root)})


def _logdir_events(logdir: str | Path) -> list[Any]:
    logdir = Path(logdir)
    files = sorted(p for p in logdir.iterdir() if p.name.startswith(EVENT_PREFIX) and p.is_file())
    return [event for path in files for event in read_events(path)]


def scalars(logdir: str | Path) -> dict[str, list[tuple[int, float]]]:
    """Scalar series of one run folder: tag -> [(step, value), ...] in the order written."""
    series: dict[str, list[tuple[int, float]]] = {}
    for event in _logdir_events(logdir):
        if not event.HasField("summary"):
            continue
        for value in event.summary.value:
            if value.HasField("simple_value"):
                point = (int(event.step), float(value.simple_value))
                series.setdefault(value.tag, []).append(point)
            elif value.HasField("tensor") and value.tensor.float_val:
                series.setdefault(value.tag, []).append((int(event.step),
                                                         float(value.tensor.float_val[0])))
    return series


def images(logdir: str | Path) -> dict[str, list[dict[str, Any]]]:
    """Image summaries of one run folder: tag -> [{step, height, width, channels, pixels}, ...].

    ``pixels`` is the decoded PNG as a uint8 array (H, W, C).
    """
    import numpy as np
    from PIL import Image

    found: dict[str, list[dict[str, Any]]] = {}
    for event in _logdir_events(logdir):
        if not event.HasField("summary"):
            continue
        for value in event.summary.value:
            if not value.HasField("image"):
                continue
            img = value.image
            with Image.open(io.BytesIO(img.encoded_image_string)) as decoded:
                pixels = np.asarray(decoded.convert("RGB" if img.colorspace >= 3 else "L"))
            if pixels.ndim == 2:
                pixels = pixels[:, :, None]
            found.setdefault(value.tag, []).append({
                "step": int(event.step), "height": int(img.height), "width": int(img.width),
                "channels": int(img.colorspace), "pixels": pixels})
    return found
