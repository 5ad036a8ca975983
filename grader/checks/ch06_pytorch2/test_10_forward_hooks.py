"""extract_features: on nets with nested names, in-place ReLUs after the hooked layer, a layer
run twice, dropout and batch norm in either mode, the features (and whether they are tracked by
autograd) must equal the reference's; afterwards no hook may be left on any module, the mode
must be unchanged, and after a forward pass that raises the hooks must be gone too."""

import torch
from hypothesis import strategies as st
from torch import nn

from grader import strategies as ts
from grader.mistakes import mistake


def _mlp():
    return nn.Sequential(nn.Linear(6, 8), nn.ReLU(inplace=True), nn.Linear(8, 8),
                         nn.ReLU(inplace=True), nn.Dropout(0.5), nn.Linear(8, 3))


class _Nested(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Linear(6, 5), nn.BatchNorm1d(5), nn.ReLU())
        self.head = nn.Sequential(nn.Dropout(0.3), nn.Linear(5, 3))

    def forward(self, x):
        return self.head(self.features(x))


class _Twice(nn.Module):
    """The same block applied twice: its hook fires twice."""

    def __init__(self):
        super().__init__()
        self.block = nn.Linear(6, 6)
        self.out = nn.Linear(6, 2)

    def forward(self, x):
        return self.out(torch.tanh(self.block(torch.tanh(self.block(x)))))


MODELS = {"mlp": (_mlp, ["0", "2", "", "4"]),
          "nested": (_Nested, ["features.0", "features", "head.1", "features.1"]),
          "twice": (_Twice, ["block", "out", ""])}


def _hooks_left(model):
    return sum(len(m._forward_hooks) + len(m._forward_pre_hooks) for m in model.modules())


def features_probe(extract_features, model, names, x, train, seed):
    factory, _ = MODELS[model]
    torch.manual_seed(seed)
    net = factory()
    net.train(train)
    features = extract_features(net, names, x)
    got = {name: features.get(name, "missing") for name in names} if isinstance(
        features, dict) else features
    left = _hooks_left(net)
    try:
        extract_features(net, names, x[:, :4])  # a wrong input size: the forward pass raises
        raised = False
    except Exception as exc:  # noqa: BLE001 - the point is what is left afterwards
        if isinstance(exc, NotImplementedError) and str(exc) == "extract_features":
            raise
        raised = True
    return {"features": got, "hooks left on the model": left,
            "model.training after": net.training,
            "forward with a wrong input raised": raised,
            "hooks left after that failed forward": _hooks_left(net)}


@st.composite
def features_inputs(draw):
    model = draw(st.sampled_from(sorted(MODELS)))
    names = draw(st.lists(st.sampled_from(MODELS[model][1]), min_size=1, max_size=3,
                          unique=True))
    n = draw(st.integers(2, 4))
    return {"model": model, "names": names,
            "x": draw(ts.tensors((n, 6), torch.float32, -3, 3, noncontiguous=True)),
            "train": draw(st.booleans()), "seed": draw(st.integers(0, 99))}


NOTES = {"result['hooks left": "remove every hook before returning (handle.remove()), also when "
                               "the forward pass raises: try/finally",
         "result['features']": "each layer's output as it was produced (a clone, before any "
                               "in-place op), computed under torch.no_grad()"}


def test_extract_features(kata):
    x = torch.linspace(-2, 2, 18).reshape(3, 6)
    kata.compare("extract_features", features_inputs(), probe=features_probe, max_examples=6,
                 notes=NOTES,
                 examples=[{"model": "mlp", "names": ["0", "2"], "x": x, "train": False,
                            "seed": 0},
                           {"model": "nested", "names": ["features.0", "head.1"], "x": x,
                            "train": True, "seed": 0},
                           {"model": "twice", "names": ["block"], "x": x, "train": True,
                            "seed": 0}])


@mistake("extract_features", diagnosis="A later in-place operation (nn.ReLU(inplace=True)) "
         "changed the tensor your hook kept: store a copy, output.clone(), not the output "
         "itself.")
def keeps_output_itself(model, layer_names, x):
    features, handles = {}, []
    try:
        for name in layer_names:
            handles.append(model.get_submodule(name).register_forward_hook(
                lambda m, i, o, name=name: features.__setitem__(name, o)))
        with torch.no_grad():
            model(x)
    finally:
        for handle in handles:
            handle.remove()
    return features


@mistake("extract_features", diagnosis="The features carry autograd history (requires_grad): "
         "run the forward pass under torch.no_grad() (or detach the copies).")
def with_grad(model, layer_names, x):
    features, handles = {}, []
    try:
        for name in layer_names:
            handles.append(model.get_submodule(name).register_forward_hook(
                lambda m, i, o, name=name: features.__setitem__(name, o.clone())))
        model(x)
    finally:
        for handle in handles:
            handle.remove()
    return features


@mistake("extract_features", diagnosis="The hooks were never removed: keep the handle "
         "register_forward_hook returns and call handle.remove() before returning (in a "
         "finally block, so it also happens when the forward pass raises).")
def never_removes(model, layer_names, x):
    features = {}
    for name in layer_names:
        model.get_submodule(name).register_forward_hook(
            lambda m, i, o, name=name: features.__setitem__(name, o.clone()))
    with torch.no_grad():
        model(x)
    return features


@mistake("extract_features", diagnosis="When the forward pass raises, the hooks stay on the "
         "model: remove them in a finally block (try: ... finally: handle.remove()).")
def no_finally(model, layer_names, x):
    features, handles = {}, []
    for name in layer_names:
        handles.append(model.get_submodule(name).register_forward_hook(
            lambda m, i, o, name=name: features.__setitem__(name, o.clone())))
    with torch.no_grad():
        model(x)
    for handle in handles:
        handle.remove()
    return features


@mistake("extract_features", diagnosis="model.eval() changed the caller's mode (dropout and "
         "batch norm then behave differently): leave the mode as you found it; no_grad() alone "
         "switches autograd off.")
def switches_to_eval(model, layer_names, x):
    features, handles = {}, []
    model.eval()
    try:
        for name in layer_names:
            handles.append(model.get_submodule(name).register_forward_hook(
                lambda m, i, o, name=name: features.__setitem__(name, o.clone())))
        with torch.no_grad():
            model(x)
    finally:
        for handle in handles:
            handle.remove()
    return features


@mistake("extract_features", diagnosis="A forward *pre*-hook sees the layer's inputs, not its "
         "output: use register_forward_hook(fn), whose fn(module, inputs, output) gets both.")
def pre_hook(model, layer_names, x):
    features, handles = {}, []
    try:
        for name in layer_names:
            handles.append(model.get_submodule(name).register_forward_pre_hook(
                lambda m, i, name=name: features.__setitem__(name, i[0].clone())))
        with torch.no_grad():
            model(x)
    finally:
        for handle in handles:
            handle.remove()
    return features


@mistake("extract_features", diagnosis="Each hook defined in the loop looks `name` up when it "
         "runs, and by then it is the loop's last name: every output lands under that key. Bind "
         "the name when the hook is made (a factory function, or functools.partial(hook, name)).")
def late_binding(model, layer_names, x):
    features: dict[str, torch.Tensor] = {}
    handles = []
    try:
        for name in layer_names:

            def hook(module, inputs, output):
                features[name] = output.clone()
            handles.append(model.get_submodule(name).register_forward_hook(hook))
        with torch.no_grad():
            model(x)
    finally:
        for h in handles:
            h.remove()
    return features


@mistake("extract_features", diagnosis="model._modules[name] finds only direct children: "
         "model.get_submodule(name) follows dotted names (\"0.0\") and gives the model itself for "
         "\"\".")
def direct_children_only(model, layer_names, x):
    features: dict[str, torch.Tensor] = {}
    handles = []

    def make_hook(name):

        def hook(module, inputs, output):
            features[name] = output.clone()
        return hook
    try:
        for name in layer_names:
            handles.append(model._modules[name].register_forward_hook(make_hook(name)))
        with torch.no_grad():
            model(x)
    finally:
        for h in handles:
            h.remove()
    return features
