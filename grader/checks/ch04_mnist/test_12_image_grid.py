"""Checks for exercises/04_mnist/12_image_grid.py: an image grid of inputs in TensorBoard.

The logged images are read back from the event file and their decoded pixels compared.
"""

import tempfile

import torch
from tensorboardX import SummaryWriter
from torchvision.utils import make_grid

from grader import tbevents
from grader.mistakes import mistake


def grid_facts(target, base, n, channels, nrow):
    """log_image_grid on randn(n, channels, 6, 6) * 1.5 - 0.4 at step 3, then on 5 images at 7"""
    g = torch.Generator().manual_seed(n)
    images = torch.randn(n, channels, 6, 6, generator=g) * 1.5 - 0.4  # normalized-like values
    original = images.clone()
    logdir = tempfile.mkdtemp(dir=base)
    writer = SummaryWriter(logdir)
    target(writer, images, 3)
    target(writer, images[:5], 7, tag="batch", nrow=nrow)
    writer.close()
    return {"logged images": tbevents.images(logdir),
            "the caller's images are unchanged": torch.equal(images, original)}


def test_log_image_grid(kata):
    for example in ({"n": 12, "channels": 1, "nrow": 4}, {"n": 9, "channels": 3, "nrow": 2}):
        kata.compare("log_image_grid", dict(example, base=str(kata.tmp_path)), probe=grid_facts)


@mistake("log_image_grid", diagnosis="without normalize=True the normalized values (negative, "
         "or above 1) are written as they are and come out as garbage pixels. Use "
         "make_grid(images, nrow=nrow, normalize=True).")
def no_normalize(writer, images, step, tag="inputs", nrow=8):
    writer.add_image(tag, make_grid(images, nrow=nrow), step)


@mistake("log_image_grid", diagnosis="add_image expects one (C, H, W) image, not the (N, C, H, "
         "W) batch: tile the batch first with make_grid.")
def whole_batch(writer, images, step, tag="inputs", nrow=8):
    writer.add_image(tag, images, step)


@mistake("log_image_grid", diagnosis="the step is missing, so every grid is logged at step 0 "
         "and TensorBoard's slider cannot move between them. Pass step as add_image's third "
         "argument.")
def no_step(writer, images, step, tag="inputs", nrow=8):
    writer.add_image(tag, make_grid(images, nrow=nrow, normalize=True))


@mistake("log_image_grid", diagnosis="nrow is not passed to make_grid, so the grid always has "
         "8 images per row: make_grid(images, nrow=nrow, normalize=True).")
def ignores_nrow(writer, images, step, tag="inputs", nrow=8):
    writer.add_image(tag, make_grid(images, normalize=True), step)


@mistake("log_image_grid", diagnosis="add_images logs the raw (N, C, H, W) batch and tiles it "
         "itself, without normalize=True or your nrow. Build the grid with make_grid(images, "
         "nrow=nrow, normalize=True) and log it with add_image.")
def add_images_batch(writer, images, step, tag="inputs", nrow=8):
    writer.add_images(tag, images, step)


@mistake("log_image_grid", diagnosis="the grid was permuted to (H, W, C), TensorFlow's layout, "
         "but add_image reads (C, H, W) by default: log make_grid's (C, H, W) grid as it is.")
def channels_last_grid(writer, images, step, tag="inputs", nrow=8):
    writer.add_image(tag, make_grid(images, nrow=nrow, normalize=True).permute(1, 2, 0), step)


@mistake("log_image_grid", diagnosis="scale_each=True stretches every image to [0, 1] on its "
         "own, so brightness can no longer be compared between images. normalize=True alone "
         "rescales the batch as a whole.")
def scale_each(writer, images, step, tag="inputs", nrow=8):
    writer.add_image(tag, make_grid(images, nrow=nrow, normalize=True, scale_each=True), step)


@mistake("log_image_grid", diagnosis="value_range=(-1, 1) clips everything outside [-1, 1] "
         "(it suits tanh outputs); normalize=True without a value_range stretches the batch's "
         "own min..max to [0, 1].")
def fixed_value_range(writer, images, step, tag="inputs", nrow=8):
    writer.add_image(tag, make_grid(images, nrow=nrow, normalize=True, value_range=(-1, 1)),
                     step)


@mistake("log_image_grid", diagnosis="padding=0 changes the grid's size and layout; keep "
         "make_grid's default padding (2 pixels between images).")
def no_padding(writer, images, step, tag="inputs", nrow=8):
    writer.add_image(tag, make_grid(images, nrow=nrow, padding=0, normalize=True), step)


@mistake("log_image_grid", diagnosis="the batch was rescaled in place (sub_/div_ on images), so "
         "the caller's images, about to go into the model, changed. make_grid(..., "
         "normalize=True) rescales a copy.")
def rescales_the_callers_images(writer, images, step, tag="inputs", nrow=8):
    images.sub_(images.min()).div_(images.max() - images.min())
    writer.add_image(tag, make_grid(images, nrow=nrow, normalize=True), step)
