"""Realistic learner answers for 04_mnist/12_image_grid.py (log_image_grid)."""
from typing import Any

import torch
from torchvision.utils import make_grid


# ----------------------------------------------------------------------------- right

def right__log_image_grid__explicit_defaults(writer: Any, images: torch.Tensor, step: int,
                                             tag: str = "inputs", nrow: int = 8) -> None:
    """alternative | spells out make_grid's default padding=2 and pad_value=0 and names the tensor argument"""
    grid = make_grid(tensor=images, nrow=nrow, padding=2, normalize=True, pad_value=0)
    writer.add_image(tag, grid, step)


def right__log_image_grid__normalize_by_hand(writer: Any, images: torch.Tensor, step: int,
                                             tag: str = "inputs", nrow: int = 8) -> None:
    """alternative | stretches the whole batch to [0, 1] by hand (min/max over all images, on a copy) and tiles with normalize=False"""
    low = float(images.min())
    high = float(images.max())
    scaled = images.clone().clamp_(min=low, max=high).sub_(low).div_(max(high - low, 1e-5))
    grid = make_grid(scaled, nrow=nrow, normalize=False)
    writer.add_image(tag, grid, step)


def right__log_image_grid__positional_detached(writer: Any, images: torch.Tensor, step: int,
                                              tag: str = "inputs", nrow: int = 8) -> None:
    """alternative | detaches and moves to the CPU first (safe for GPU or requires_grad inputs), then make_grid with positional nrow/padding"""
    batch = images.detach().cpu()
    writer.add_image(tag, make_grid(batch, nrow, 2, True), step)


# ----------------------------------------------------------------------------- wrong

def wrong__log_image_grid__not_normalized(writer: Any, images: torch.Tensor, step: int,
                                          tag: str = "inputs", nrow: int = 8) -> None:
    """beginner | leaves out normalize=True, so the grid keeps the Normalize-d values (negative, above 1) that TensorBoard clips | differs when: images = torch.randn(16, 1, 28, 28): the logged grid has values outside [0, 1]"""
    grid = make_grid(images, nrow=nrow)
    writer.add_image(tag, grid, step)


def wrong__log_image_grid__nrow_ignored(writer: Any, images: torch.Tensor, step: int,
                                        tag: str = "inputs", nrow: int = 8) -> None:
    """beginner | does not pass nrow to make_grid, so it always uses its default of 8 images per row | differs when: images = torch.randn(16, 1, 28, 28), nrow=4: grid shape (3, 62, 242) instead of (3, 122, 122)"""
    grid = make_grid(images, normalize=True)
    writer.add_image(tag, grid, step)


def wrong__log_image_grid__add_images_batch(writer: Any, images: torch.Tensor, step: int,
                                            tag: str = "inputs", nrow: int = 8) -> None:
    """tf-habit | logs the batch with writer.add_images(tag, images, step), like tf.summary.image(name, images, step), instead of one make_grid image with add_image | differs when: any batch: add_images is called with the raw (N, C, H, W) batch and add_image is never called"""
    writer.add_images(tag, images, step)


def wrong__log_image_grid__channels_last_grid(writer: Any, images: torch.Tensor, step: int,
                                              tag: str = "inputs", nrow: int = 8) -> None:
    """tf-habit | permutes the grid to (H, W, C) as TensorFlow images are, but still calls add_image with its default dataformats="CHW" | differs when: images = torch.randn(16, 1, 28, 28): the logged tensor has shape (62, 242, 3) instead of (3, 62, 242)"""
    grid = make_grid(images, nrow=nrow, normalize=True)
    writer.add_image(tag, grid.permute(1, 2, 0), step)


def wrong__log_image_grid__scale_each(writer: Any, images: torch.Tensor, step: int,
                                      tag: str = "inputs", nrow: int = 8) -> None:
    """examples | copies the tensorboardX demo's make_grid(x, normalize=True, scale_each=True), which stretches every image to [0, 1] separately instead of the batch as a whole | differs when: images of shape (2, 1, 2, 2) where image 0 is zeros with one pixel 0.5 and image 1 is ones with one pixel 0.2: each tile is stretched to span [0, 1] on its own, so the logged values differ"""
    grid = make_grid(images, nrow=nrow, normalize=True, scale_each=True)
    writer.add_image(tag, grid, step)


def wrong__log_image_grid__normalizes_input_in_place(writer: Any, images: torch.Tensor, step: int,
                                                     tag: str = "inputs", nrow: int = 8) -> None:
    """subtle | rescales the batch to [0, 1] in place with sub_/div_ before tiling, so the caller's images (about to be fed to the model) are changed | differs when: images = torch.randn(16, 1, 28, 28): after the call images lies in [0, 1] instead of keeping its values"""
    images.sub_(images.min()).div_(images.max() - images.min())
    grid = make_grid(images, nrow=nrow, normalize=True)
    writer.add_image(tag, grid, step)


def wrong__log_image_grid__fixed_value_range(writer: Any, images: torch.Tensor, step: int,
                                             tag: str = "inputs", nrow: int = 8) -> None:
    """examples | copies value_range=(-1, 1) from GAN examples whose images are tanh outputs, so values outside [-1, 1] are clipped instead of stretching the batch's own min..max | differs when: images = torch.randn(16, 1, 28, 28) (values beyond ±1): the logged grid differs"""
    grid = make_grid(images, nrow=nrow, normalize=True, value_range=(-1, 1))
    writer.add_image(tag, grid, step)


def wrong__log_image_grid__no_step(writer: Any, images: torch.Tensor, step: int,
                                   tag: str = "inputs", nrow: int = 8) -> None:
    """beginner | forgets to pass the step to add_image, so every grid is logged at global_step None (TensorBoard's slider has nothing to move through) | differs when: step=5: add_image receives no step instead of 5"""
    grid = make_grid(images, nrow=nrow, normalize=True)
    writer.add_image(tag, grid)


def wrong__log_image_grid__no_padding(writer: Any, images: torch.Tensor, step: int,
                                      tag: str = "inputs", nrow: int = 8) -> None:
    """subtle | sets padding=0 for a tighter mosaic, although the docstring asks for make_grid's default padding | differs when: images = torch.randn(16, 1, 28, 28): grid shape (3, 56, 224) instead of (3, 62, 242)"""
    grid = make_grid(images, nrow=nrow, padding=0, normalize=True)
    writer.add_image(tag, grid, step)
