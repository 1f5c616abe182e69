#!/usr/bin/env python3
"""PyTorch reference for convkit's training-step benchmark, on one CPU thread.

Reads a JSON request from the file named by argv[1]:

    {"spec": <convkit ModelSpec>, "batch": 64, "warmup": 2, "steps": 7, "seed": 1}

builds the same network as convkit's TF.js builder (src/layers/tf/layer-for-spec.ts)
by interpreting the spec's nodes one by one (never by model name), and prints one
JSON line:

    {"torch": "<version>", "threads": 1, "trainMs": <median>, "forwardMs": <median>, "params": <n>}

- trainMs: median wall time of one training step = forward + cross-entropy +
  backward + Adam step (lr 0.01, eps 1e-7: convkit's trainSteps / Keras), on a
  random NCHW float32 batch of the spec's input shape with random labels over
  the last node's channels. `warmup` untimed steps first, then `steps` timed.
- forwardMs: median of a no-grad forward pass in inference mode (BN on its
  running statistics, softmax included), as convkit's model.predict.
- params: trainable parameters. Equals convkit's count without the BN moving
  statistics (model.countParams() - moving mean/variance), which shows that the
  two networks are the same.

How each kind maps (TF/Keras semantics in NCHW):
- 'same' padding is TF's: total = max((ceil(n/s) - 1)*s + (k-1)*d + 1 - n, 0),
  the extra pixel at the bottom/right. Symmetric padding is given to the conv
  itself; asymmetric padding is an F.pad in front of it.
- explicit padding: zeros (F.pad), then 'valid'. For maxPool too, as convkit's
  zeroPadding2d does; for avgPool the zeros count in the mean, as in convkit.
- maxPool 'same' pads with -inf; avgPool 'same' averages only the real pixels
  (TF's rule), written as avg(x padded) / avg(ones padded) when asymmetric.
- depthwiseConv2d: groups = C, C*depthMultiplier outputs (Keras's channel
  order c*D + q is torch's). separableConv2d: depthwise without bias, then 1x1
  with the layer's bias. pointwiseConv2d: a 1x1 conv.
- batchNorm: BatchNorm2d(eps from the spec, default 1e-3; momentum 0.01 =
  Keras 0.99). gamma and beta are trainable; running stats are buffers.
- dense: a Linear on the channel axis at every position (Keras Dense).
- a final softmax activation is dropped for training: CrossEntropyLoss on the
  logits is the same arithmetic as softmax + categorical cross-entropy. (A spec
  ending otherwise has its output taken as the logits, with a note on stderr.)
  An output map larger than 1x1 gets one label per position, as Keras's loss
  averages over positions.

Memory: glibc's malloc is told to keep freed memory (keep_freed_memory below);
without that, page faults made torch's steps several times slower here.
- squeezeExcite: mean over H, W -> Linear(C, S) -> inner -> Linear(S, C) -> gate
  -> x * gate. zeroPadShortcut: x[:, :, ::s, ::s], zero channels appended.

Errors (bad JSON, unsupported kind, bad field, shapes that do not fit) go to
stderr with exit code 2, naming the node and its kind.
"""

import ctypes
import json
import math
import os
import statistics
import sys
import time

INPUT = "input"  # src/core/spec.ts INPUT
DEFAULT_BATCH_NORM_EPSILON = 1e-3  # src/core/defaults.ts
ACTIVATIONS = ("relu", "relu6", "hardSwish", "hardSigmoid", "sigmoid", "swish", "softmax")
KINDS = (
    "conv2d",
    "depthwiseConv2d",
    "pointwiseConv2d",
    "separableConv2d",
    "batchNorm",
    "activation",
    "maxPool",
    "avgPool",
    "globalAvgPool",
    "dense",
    "add",
    "concat",
    "squeezeExcite",
    "zeroPadShortcut",
)


class SpecError(Exception):
    """A request or spec this script cannot run; main() prints it and exits 2."""


def fail(message):
    print(f"torch_train_step: {message}", file=sys.stderr)
    sys.exit(2)


def load_request(path):
    try:
        with open(path, encoding="utf-8") as f:
            request = json.load(f)
    except OSError as error:
        raise SpecError(f"cannot read the request {path!r}: {error}") from error
    except json.JSONDecodeError as error:
        raise SpecError(f"the request {path!r} is not valid JSON: {error}") from error
    if not isinstance(request, dict) or not isinstance(request.get("spec"), dict):
        raise SpecError('the request must be an object {"spec": <ModelSpec>, "batch", "warmup", "steps", "seed"}')

    def integer(field, default, minimum):
        value = request.get(field, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise SpecError(f"{field} = {value!r}: must be an integer >= {minimum}")
        return value

    return {
        "spec": request["spec"],
        "batch": integer("batch", 64, 1),
        "warmup": integer("warmup", 2, 0),
        "steps": integer("steps", 7, 1),
        "seed": integer("seed", 1, 0),
    }


def keep_freed_memory():
    """Tells glibc's malloc to keep freed memory instead of handing it back to the OS.

    By default glibc serves each allocation over 128 KiB-32 MiB with its own mmap
    and trims the heap on free, so every activation of every step is page-faulted
    in anew: on this machine that made a ResNet-20 forward pass at batch 64 about
    ten times slower (~400 ms instead of ~40 ms). PyTorch's CPU tuning guides
    swap in jemalloc or tcmalloc for the same reason, and convkit's side (wasm
    linear memory) never gives pages back either. Must run before torch is
    imported. CONVKIT_TORCH_DEFAULT_MALLOC=1 leaves glibc's defaults.
    """
    if os.environ.get("CONVKIT_TORCH_DEFAULT_MALLOC") == "1" or not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return  # not glibc (e.g. musl): nothing to tune
    m_trim_threshold, m_mmap_max = -1, -4  # <malloc.h>
    libc.mallopt(m_mmap_max, 0)  # no allocation gets its own mmap
    libc.mallopt(m_trim_threshold, 2**31 - 1)  # never trim the heap


# --- torch is imported after the request is read, so a bad request fails fast ---


def main():
    if len(sys.argv) != 2:
        fail("usage: torch_train_step.py REQUEST.json")
    try:
        request = load_request(sys.argv[1])
    except SpecError as error:
        fail(str(error))
    keep_freed_memory()
    try:
        import torch
    except ImportError as error:
        fail(f"cannot import torch: {error}")
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    # NNPACK cannot start on CPUs it does not know (as here), warns on every
    # conv and falls back to oneDNN; asking it for nothing keeps stderr quiet.
    torch.backends.nnpack.set_flags(False)
    try:
        net, output_shape = build(request["spec"], torch)
    except SpecError as error:
        fail(str(error))
    try:
        timing = measure(net, output_shape, request, torch)
    except Exception as error:  # e.g. out of memory at a large batch
        fail(f"the measurement failed: {type(error).__name__}: {error}")
    print(json.dumps(timing), flush=True)


def build(spec, torch):
    """The torch module for `spec`, and its output shape (C, H, W) with the final softmax."""
    nn = torch.nn
    F = torch.nn.functional

    # ---------------------------------------------------------------- fields

    def positive_int(where, field, value):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise SpecError(f"{where}: {field} = {value!r}: must be a positive integer")
        return value

    def pair(where, field, value, default=None):
        if value is None:
            if default is None:
                raise SpecError(f"{where}: {field} is required")
            return default
        if isinstance(value, list) and len(value) == 2:
            return (positive_int(where, field, value[0]), positive_int(where, field, value[1]))
        return (positive_int(where, field, value),) * 2

    def boolean(where, field, value, default):
        if value is None:
            return default
        if not isinstance(value, bool):
            raise SpecError(f"{where}: {field} = {value!r}: must be true or false")
        return value

    def padding_of(where, value, default):
        value = default if value is None else value
        if value in ("same", "valid"):
            return value
        if isinstance(value, dict):
            sides = []
            for side in ("top", "bottom", "left", "right"):
                v = value.get(side)
                if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                    raise SpecError(f"{where}: padding.{side} = {v!r}: must be an integer >= 0")
                sides.append(v)
            return tuple(sides)
        raise SpecError(f"{where}: padding = {value!r}: must be 'same', 'valid' or {{top, bottom, left, right}}")

    def activation_name(where, field, value, default=None):
        value = default if value is None else value
        if value not in ACTIVATIONS:
            raise SpecError(f"{where}: {field} = {value!r}: must be one of {', '.join(ACTIVATIONS)}")
        return value

    # ------------------------------------------------------- window geometry

    def sides(where, n, k, s, d, padding, axis):
        """(before, after, out) along one axis, TF's rules (src/core/output-shape.ts)."""
        span = (k - 1) * d + 1
        if padding == "same":
            out = -(-n // s)
            total = max((out - 1) * s + span - n, 0)
            return total // 2, total - total // 2, out
        before, after = (0, 0) if padding == "valid" else (padding[0:2] if axis == 0 else padding[2:4])
        padded = n + before + after
        if span > padded:
            raise SpecError(f"{where}: kernel spans {span} pixels, larger than the padded input ({padded})")
        return before, after, (padded - span) // s + 1

    def window(where, shape, kernel, strides, dilation, padding):
        """F.pad sides (left, right, top, bottom) and the output (H, W)."""
        _, h, w = shape
        top, bottom, ho = sides(where, h, kernel[0], strides[0], dilation[0], padding, 0)
        left, right, wo = sides(where, w, kernel[1], strides[1], dilation[1], padding, 1)
        return (left, right, top, bottom), (ho, wo)

    def conv(c_in, c_out, kernel, strides, dilation, groups, bias, pad):
        """A Conv2d with TF's padding: in the conv when symmetric, else an F.pad first."""
        left, right, top, bottom = pad
        symmetric = left == right and top == bottom
        layer = nn.Conv2d(
            c_in,
            c_out,
            kernel,
            stride=strides,
            padding=(top, left) if symmetric else 0,
            dilation=dilation,
            groups=groups,
            bias=bias,
        )
        he_normal(layer.weight)
        if bias:
            nn.init.zeros_(layer.bias)
        return layer if symmetric or sum(pad) == 0 else nn.Sequential(Pad(pad), layer)

    # ------------------------------------------------------------- the nodes

    def make(node, index, in_shapes):
        """(module, output shape) for one node."""
        name = node.get("name")
        layer = node.get("layer")
        kind = layer.get("kind") if isinstance(layer, dict) else None
        where = f"node {index} {name!r} (kind {kind!r})"
        if kind not in KINDS:
            raise SpecError(f"{where}: unsupported layer kind; supported: {', '.join(KINDS)}")
        many = kind in ("add", "concat")
        if many and len(in_shapes) < (2 if kind == "add" else 1):
            raise SpecError(f"{where}: takes at least {2 if kind == 'add' else 1} inputs, got {len(in_shapes)}")
        if not many and len(in_shapes) != 1:
            raise SpecError(f"{where}: takes exactly 1 input, got {len(in_shapes)}")
        shape = in_shapes[0]
        c, h, w = shape
        get = layer.get

        if kind in ("conv2d", "depthwiseConv2d", "separableConv2d"):
            kernel = pair(where, "kernelSize", get("kernelSize"))
            strides = pair(where, "strides", get("strides"), (1, 1))
            dilation = pair(where, "dilation", get("dilation"), (1, 1))
            if max(dilation) > 1 and max(strides) > 1:
                raise SpecError(f"{where}: dilation must be 1 when strides > 1")
            pad, (ho, wo) = window(where, shape, kernel, strides, dilation, padding_of(where, get("padding"), "same"))
            bias = boolean(where, "useBias", get("useBias"), False)
            if kind == "conv2d":
                filters = positive_int(where, "filters", get("filters"))
                groups = positive_int(where, "groups", get("groups", 1))
                if filters % groups or c % groups:
                    raise SpecError(f"{where}: groups = {groups} must divide filters ({filters}) and the input channels ({c})")
                return conv(c, filters, kernel, strides, dilation, groups, bias, pad), (filters, ho, wo)
            multiplier = positive_int(where, "depthMultiplier", get("depthMultiplier", 1))
            if kind == "depthwiseConv2d":
                return conv(c, c * multiplier, kernel, strides, dilation, c, bias, pad), (c * multiplier, ho, wo)
            filters = positive_int(where, "filters", get("filters"))
            depthwise = conv(c, c * multiplier, kernel, strides, dilation, c, False, pad)
            pointwise = conv(c * multiplier, filters, (1, 1), (1, 1), (1, 1), 1, bias, (0, 0, 0, 0))
            return nn.Sequential(depthwise, pointwise), (filters, ho, wo)

        if kind == "pointwiseConv2d":
            filters = positive_int(where, "filters", get("filters"))
            bias = boolean(where, "useBias", get("useBias"), False)
            return conv(c, filters, (1, 1), (1, 1), (1, 1), 1, bias, (0, 0, 0, 0)), (filters, h, w)

        if kind == "batchNorm":
            epsilon = get("epsilon", DEFAULT_BATCH_NORM_EPSILON)
            if isinstance(epsilon, bool) or not isinstance(epsilon, (int, float)) or not epsilon > 0:
                raise SpecError(f"{where}: epsilon = {epsilon!r}: must be a positive number")
            # Keras momentum 0.99 (moving <- 0.99 moving + 0.01 batch) is torch's momentum 0.01.
            return nn.BatchNorm2d(c, eps=float(epsilon), momentum=0.01), shape

        if kind == "activation":
            return activation(activation_name(where, "activation", get("activation"))), shape

        if kind in ("maxPool", "avgPool"):
            pool = pair(where, "poolSize", get("poolSize"))
            strides = pair(where, "strides", get("strides"), pool)
            padding = padding_of(where, get("padding"), "valid")
            pad, (ho, wo) = window(where, shape, pool, strides, (1, 1), padding)
            return Pool(kind, pool, strides, pad, padding == "same"), (c, ho, wo)

        if kind == "globalAvgPool":
            return GlobalAvgPool(), (c, 1, 1)

        if kind == "dense":
            units = positive_int(where, "units", get("units"))
            linear = nn.Linear(c, units, bias=boolean(where, "useBias", get("useBias"), True))
            glorot_uniform(linear.weight)
            if linear.bias is not None:
                nn.init.zeros_(linear.bias)
            return Dense(linear), (units, h, w)

        if kind == "add":
            if any(s != shape for s in in_shapes):
                raise SpecError(f"{where}: every input must have the shape of the first {shape} (C, H, W), got {in_shapes}")
            return Add(), shape

        if kind == "concat":
            if any(s[1:] != shape[1:] for s in in_shapes):
                raise SpecError(f"{where}: every input must have the height and width of the first, got {in_shapes}")
            return Concat(), (sum(s[0] for s in in_shapes), h, w)

        if kind == "squeezeExcite":
            squeeze = positive_int(where, "squeezeChannels", get("squeezeChannels"))
            inner = activation_name(where, "innerActivation", get("innerActivation"), "relu")
            gate = activation_name(where, "gateActivation", get("gateActivation"), "hardSigmoid")
            return SqueezeExcite(c, squeeze, inner, gate), shape

        # zeroPadShortcut
        filters = positive_int(where, "filters", get("filters"))
        strides = positive_int(where, "strides", get("strides", 1))
        if filters < c:
            raise SpecError(f"{where}: filters = {filters} must be >= the input channels ({c})")
        return ZeroPadShortcut(filters - c, strides), (filters, -(-h // strides), -(-w // strides))

    # ------------------------------------------------------------ the modules

    def he_normal(weight):
        """Keras he_normal: truncated normal, stddev sqrt(2 / fan_in) / 0.8796."""
        fan_in = weight[0].numel()
        std = math.sqrt(2.0 / fan_in) / 0.87962566103423978
        nn.init.trunc_normal_(weight, std=std, a=-2 * std, b=2 * std)

    def glorot_uniform(weight):
        nn.init.xavier_uniform_(weight)

    def activation(name):
        return {
            "relu": nn.ReLU,
            "relu6": nn.ReLU6,
            "sigmoid": nn.Sigmoid,
            "swish": nn.SiLU,  # x * sigmoid(x)
            "hardSwish": nn.Hardswish,  # x * relu6(x + 3) / 6
            "hardSigmoid": nn.Hardsigmoid,  # relu6(x + 3) / 6 (MobileNet v3's, not Keras 2's)
            "softmax": lambda: nn.Softmax(dim=1),  # over channels
        }[name]()

    class Pad(nn.Module):
        def __init__(self, pad, value=0.0):
            super().__init__()
            self.pad = pad
            self.value = value

        def forward(self, x):
            return F.pad(x, self.pad, value=self.value)

    class Pool(nn.Module):
        def __init__(self, kind, pool, strides, pad, same):
            super().__init__()
            self.kind, self.pool, self.strides, self.pad, self.same = kind, pool, strides, pad, same
            left, right, top, bottom = pad
            # torch's own padding is symmetric and at most half the window.
            self.inline = left == right and top == bottom and 2 * top <= pool[0] and 2 * left <= pool[1]

        def forward(self, x):
            left, _, top, _ = self.pad
            if self.kind == "maxPool":
                if self.same and self.inline:  # torch pads max pooling with -inf, as TF's 'same'
                    return F.max_pool2d(x, self.pool, self.strides, padding=(top, left))
                x = F.pad(x, self.pad, value=-math.inf if self.same else 0.0)
                return F.max_pool2d(x, self.pool, self.strides)
            if self.inline:
                # 'same' averages only the real pixels (TF); explicit zeros count (convkit's zeroPadding2d).
                return F.avg_pool2d(x, self.pool, self.strides, padding=(top, left), count_include_pad=not self.same)
            padded = F.avg_pool2d(F.pad(x, self.pad), self.pool, self.strides)
            if not self.same:
                return padded
            ones = torch.ones((1, 1) + tuple(x.shape[2:]), dtype=x.dtype)
            return padded / F.avg_pool2d(F.pad(ones, self.pad), self.pool, self.strides)

    class GlobalAvgPool(nn.Module):
        def forward(self, x):
            return x.mean(dim=(2, 3), keepdim=True)

    class Dense(nn.Module):
        """Keras Dense on the channel axis, at every position."""

        def __init__(self, linear):
            super().__init__()
            self.linear = linear

        def forward(self, x):
            n, _, h, w = x.shape
            if h == 1 and w == 1:
                return self.linear(x.reshape(n, -1)).reshape(n, -1, 1, 1)
            return self.linear(x.movedim(1, -1)).movedim(-1, 1)

    class Add(nn.Module):
        def forward(self, *xs):
            total = xs[0]
            for x in xs[1:]:
                total = total + x
            return total

    class Concat(nn.Module):
        def forward(self, *xs):
            return torch.cat(xs, dim=1)

    class SqueezeExcite(nn.Module):
        def __init__(self, channels, squeeze, inner, gate):
            super().__init__()
            self.squeeze = nn.Linear(channels, squeeze)
            self.excite = nn.Linear(squeeze, channels)
            for linear in (self.squeeze, self.excite):
                glorot_uniform(linear.weight)
                nn.init.zeros_(linear.bias)
            self.inner = activation(inner)
            self.gate = activation(gate)

        def forward(self, x):
            n, c = x.shape[:2]
            z = self.inner(self.squeeze(x.mean(dim=(2, 3))))
            g = self.gate(self.excite(z))
            return x * g.reshape(n, c, 1, 1)

    class ZeroPadShortcut(nn.Module):
        def __init__(self, extra, strides):
            super().__init__()
            self.extra, self.strides = extra, strides

        def forward(self, x):
            s = self.strides
            x = x if s == 1 else x[:, :, ::s, ::s]
            return x if self.extra == 0 else F.pad(x, (0, 0, 0, 0, 0, self.extra))

    class SpecNet(nn.Module):
        """The graph: node i reads the outputs named by its inputs; the last node is the output."""

        def __init__(self, modules, inputs, drop_last_softmax):
            super().__init__()
            self.layers = nn.ModuleList(modules)
            self.inputs = inputs
            self.drop_last_softmax = drop_last_softmax
            last_use = {}
            for i, sources in enumerate(inputs):
                for source in sources:
                    last_use[source] = i
            self.free_after = [[s for s in set(sources) if last_use[s] == i] for i, sources in enumerate(inputs)]

        def forward(self, x, logits=False):
            values = {INPUT: x}
            count = len(self.layers)
            if logits and self.drop_last_softmax:
                count -= 1
            y = x
            for i in range(count):
                y = self.layers[i](*[values[s] for s in self.inputs[i]])
                values[i] = y
                for s in self.free_after[i]:
                    del values[s]
            return y

    # -------------------------------------------------------------- the graph

    shape_in = spec.get("input")
    if not (isinstance(shape_in, list) and len(shape_in) == 3 and all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in shape_in)):
        raise SpecError(f"spec.input = {shape_in!r}: must be [height, width, channels] of positive integers")
    nodes = spec.get("nodes")
    if not isinstance(nodes, list) or not nodes:
        raise SpecError("spec.nodes must be a non-empty list of layer nodes")
    h, w, c = shape_in
    shapes = {INPUT: (c, h, w)}
    index_of = {INPUT: INPUT}
    modules, inputs = [], []
    for i, node in enumerate(nodes):
        if not isinstance(node, dict):
            raise SpecError(f"node {i}: must be an object {{name, layer, inputs}}")
        name = node.get("name")
        kind = node.get("layer", {}).get("kind") if isinstance(node.get("layer"), dict) else None
        if not isinstance(name, str) or not name or name in shapes:
            raise SpecError(f"node {i} {name!r} (kind {kind!r}): name must be non-empty, unique and not {INPUT!r}")
        sources = node.get("inputs")
        if not isinstance(sources, list) or any(s not in shapes for s in sources):
            raise SpecError(f"node {i} {name!r} (kind {kind!r}): inputs = {sources!r}: each must be {INPUT!r} or an earlier node")
        try:
            module, shape = make(node, i, [shapes[s] for s in sources])
        except SpecError:
            raise
        except Exception as error:  # a field of an unexpected type, a size torch refuses
            raise SpecError(f"node {i} {name!r} (kind {kind!r}): {type(error).__name__}: {error}") from error
        modules.append(module)
        inputs.append([index_of[s] for s in sources])
        shapes[name] = shape
        index_of[name] = i
    last = nodes[-1]["layer"]
    drop = last.get("kind") == "activation" and last.get("activation") == "softmax"
    if not drop:
        print(f"torch_train_step: the last node {nodes[-1]['name']!r} is not a softmax; its output is taken as the logits", file=sys.stderr)
    return SpecNet(modules, inputs, drop), shapes[nodes[-1]["name"]]


def measure(net, output_shape, request, torch):
    torch.manual_seed(request["seed"])
    batch, warmup, steps = request["batch"], request["warmup"], request["steps"]
    spec_h, spec_w, spec_c = request["spec"]["input"]
    classes, out_h, out_w = output_shape
    x = torch.randn(batch, spec_c, spec_h, spec_w, dtype=torch.float32)
    labels = torch.randint(classes, (batch,) if out_h == out_w == 1 else (batch, out_h, out_w))
    params = sum(p.numel() for p in net.parameters() if p.requires_grad)

    def logits_of(y):
        return y.reshape(batch, classes) if out_h == out_w == 1 else y

    # Forward: inference mode (BN on running statistics), as model.predict.
    net.eval()
    forward = []
    with torch.inference_mode():
        for i in range(warmup + steps):
            began = time.perf_counter()
            net(x)
            if i >= warmup:
                forward.append((time.perf_counter() - began) * 1e3)

    # Training step: Adam as convkit's trainSteps (lr 0.01; Keras's epsilon 1e-7).
    net.train()
    optimizer = torch.optim.Adam(net.parameters(), lr=0.01, eps=1e-7)
    loss_fn = torch.nn.CrossEntropyLoss()
    train = []
    for i in range(warmup + steps):
        began = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(logits_of(net(x, logits=True)), labels)
        loss.backward()
        optimizer.step()
        loss.item()
        if i >= warmup:
            train.append((time.perf_counter() - began) * 1e3)

    return {
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "trainMs": round(statistics.median(train), 3),
        "forwardMs": round(statistics.median(forward), 3),
        "params": params,
    }


if __name__ == "__main__":
    main()
