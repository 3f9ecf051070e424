/**
 * rlhf4j's thin layer over libtorch (PyTorch's C++ engine, through the JavaCPP Presets).
 *
 * <p>Model and trainer code use {@link org.bytedeco.pytorch.Tensor} directly for the arithmetic
 * that reads naturally in Java ({@code x.add(y)}, {@code x.view(b, t, h, d)}); this package owns
 * the parts of the binding that do not: loading the natives safely ({@link Engine}), scoping
 * native memory per step ({@link Scope}), devices and precisions ({@link ComputeDevice},
 * {@link Precision}), moving data between Java arrays and tensors ({@link TensorData}), and the
 * fused operations that take C++-style optionals ({@link Ops}). A full wrapper class around every
 * tensor would double the object count per operation and hide the engine's API from users who
 * need it; this layer keeps the awkward parts in one place instead.
 */
package org.rlhf4j.core.tensor;
