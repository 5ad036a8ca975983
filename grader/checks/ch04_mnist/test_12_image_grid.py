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
    g = torch.Generator().manual_seed(n)
    images = torch.randn(n, channels, 6, 6, generator=g) * 1.5 - 0.4  # normalized-like values
    logdir = tempfile.mkdtemp(dir=base)
    writer = SummaryWriter(logdir)
    target(writer, images, 3)
    target(writer, images[:5], 7, tag="batch", nrow=nrow)
    writer.close()
    return tbevents.images(logdir)


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
