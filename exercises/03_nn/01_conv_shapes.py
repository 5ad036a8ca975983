# %% [markdown]
# # Conv and pool output shapes
# Keras works out every layer's output shape for you (`model.summary()`). In PyTorch you need
# these numbers yourself, for example for the `in_features` of the first `nn.Linear` after a
# flatten. Per spatial side: `out = floor((size + 2*padding - kernel) / stride) + 1`.
# Keras `padding="valid"` is PyTorch `padding=0`. PyTorch is NCHW (Keras NHWC), but the arithmetic
# per side is the same.
# Docs: https://pytorch.org/docs/stable/generated/torch.nn.Conv2d.html

# %%


def conv2d_out_hw(h: int, w: int, kernel: int, stride: int = 1,
                  padding: int = 0) -> tuple[int, int]:
    """Height and width of ``nn.Conv2d(c_in, c_out, kernel, stride, padding)`` on (N, C, h, w).

    Why: the first Linear after the convolutions needs ``C * H * W`` of the last feature map.
    TensorFlow: ``layers.Conv2D(filters, kernel, strides=stride, padding="valid")`` is
    ``padding=0`` here; ``padding`` adds that many zero rows/columns on *each* side.
    Returns ``(out_h, out_w)`` as a tuple of two Python ints. The kernel always fits the padded
    input (``kernel <= size + 2*padding`` for both sides), so each side is at least 1.
    Example:
        >>> conv2d_out_hw(28, 28, 3)                       # MnistNet's conv1
        (26, 26)
        >>> conv2d_out_hw(32, 30, 5, stride=2, padding=2)
        (16, 15)
    """
    # TODO: apply (size + 2*padding - kernel) // stride + 1 to h and to w; return ints.
    raise NotImplementedError("conv2d_out_hw")


def maxpool2d_out_hw(h: int, w: int, kernel: int,
                     stride: int | None = None) -> tuple[int, int]:
    """Height and width after ``F.max_pool2d(x, kernel, stride)`` on (N, C, h, w), no padding.

    ``stride=None`` means ``stride = kernel`` (non-overlapping windows), as in PyTorch and in
    Keras ``MaxPooling2D(pool_size, strides=None)``. Rows or columns left over are dropped
    (floor), like Keras ``padding="valid"``. Returns a tuple of two Python ints; the window always
    fits (``kernel <= h`` and ``kernel <= w``).
    Example:
        >>> maxpool2d_out_hw(24, 24, 2)                    # MnistNet's pool
        (12, 12)
        >>> maxpool2d_out_hw(7, 9, 2)
        (3, 4)
    """
    # TODO: default the stride to the kernel, then use the conv formula with padding 0.
    raise NotImplementedError("maxpool2d_out_hw")
