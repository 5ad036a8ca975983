"""TensorFlow names a learner reaches for in PyTorch, and what PyTorch calls them.

When code fails with ``module 'torch' has no attribute 'expand_dims'`` (or ``'Tensor' object has
no attribute 'numpy_function'``...), the message adds the PyTorch name. Only names PyTorch lacks
are listed: ``torch.reshape``, ``torch.transpose``, ``torch.matmul`` exist (some with other
arguments: see the cheatsheets).
"""

from __future__ import annotations

import re

PYTORCH_NAME = {
    "expand_dims": "x.unsqueeze(dim) (or x[None] for a new first dimension)",
    "reduce_sum": "x.sum(dim) (torch.sum)",
    "reduce_mean": "x.mean(dim) (torch.mean)",
    "reduce_max": "x.amax(dim) (x.max(dim) returns values and indices)",
    "reduce_min": "x.amin(dim)",
    "reduce_prod": "x.prod(dim)",
    "reduce_any": "x.any(dim)",
    "reduce_all": "x.all(dim)",
    "reduce_logsumexp": "torch.logsumexp(x, dim)",
    "concat": "torch.cat(tensors, dim)",
    "convert_to_tensor": "torch.as_tensor(data) (shares memory when it can) or torch.tensor(data)",
    "constant": "torch.tensor(data)",
    "cast": "x.to(dtype) (or x.float(), x.long()...)",
    "Variable": "a tensor with requires_grad=True, or torch.nn.Parameter inside a module",
    "GradientTape": "autograd: loss.backward() fills .grad, or torch.autograd.grad(y, x)",
    "one_hot": "torch.nn.functional.one_hot(indices, num_classes)",
    "clip_by_value": "x.clamp(min, max)",
    "clip_by_norm": "torch.nn.utils.clip_grad_norm_ (gradients) or x * min(1, c / x.norm())",
    "boolean_mask": "x[mask]",
    "range": "torch.arange(start, end, step)",
    "fill": "torch.full(shape, value)",
    "rank": "x.dim()",
    "size": "x.numel()",
    "shape": "x.shape (or x.size())",
    "random_normal": "torch.randn(shape)",
    "random_uniform": "torch.rand(shape)",
    "truncated_normal": "torch.nn.init.trunc_normal_(t)",
    "gather_nd": "advanced indexing: x[idx0, idx1]",
    "tensor_scatter_nd_update": "x.index_put_((idx0, idx1), values) or x[idx0, idx1] = values",
    "numpy_function": "plain Python: call the NumPy code on x.detach().cpu().numpy()",
    "squared_difference": "(x - y) ** 2",
    "sparse_softmax_cross_entropy_with_logits": "torch.nn.functional.cross_entropy(logits, y)",
    "softmax_cross_entropy_with_logits": "torch.nn.functional.cross_entropy(logits, probs)",
    "sigmoid_cross_entropy_with_logits": "torch.nn.functional.binary_cross_entropy_with_logits",
    "assign": "x.copy_(value) (in place), under torch.no_grad() for parameters",
    "assign_add": "x.add_(value) (in place)",
    "assign_sub": "x.sub_(value) (in place)",
    "stop_gradient": "x.detach()",
    "identity": "x.clone()",
    "zeros_initializer": "torch.nn.init.zeros_(t)",
    "glorot_uniform": "torch.nn.init.xavier_uniform_(t)",
    "he_normal": "torch.nn.init.kaiming_normal_(t)",
    "Dense": "torch.nn.Linear(in_features, out_features)",
    "Conv2D": "torch.nn.Conv2d(in_channels, out_channels, kernel_size) (channels first!)",
    "MaxPool2D": "torch.nn.MaxPool2d(kernel_size)",
    "Dropout": "torch.nn.Dropout(p)",
    "Flatten": "torch.nn.Flatten() or x.flatten(1)",
    "Sequential": "torch.nn.Sequential(...)",
    "Model": "a subclass of torch.nn.Module",
    "function": "torch.compile(fn) (or just call the function: PyTorch runs eagerly)",
}
_MISSING = re.compile(r"(?:module 'torch[\w.]*'|'Tensor' object|type object 'Tensor') has no "
                      r"attribute '(\w+)'")


def hint(error_message: str) -> str | None:
    """The PyTorch name for a TensorFlow name the error says torch does not have, if one fits."""
    found = _MISSING.search(error_message or "")
    if not found or found.group(1) not in PYTORCH_NAME:
        return None
    name = found.group(1)
    return f"`{name}` is TensorFlow's name; in PyTorch: {PYTORCH_NAME[name]}"
