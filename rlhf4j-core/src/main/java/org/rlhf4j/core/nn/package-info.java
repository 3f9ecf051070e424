/**
 * Named parameters and the optimizer over them. Parameters are named the way Hugging Face names
 * them (e.g. {@code model.layers.0.self_attn.q_proj.weight}) so that a checkpoint written here
 * loads elsewhere and the other way round; modules are plain Java classes that hold their
 * parameters and a {@code forward} method, nanoGPT-style, rather than libtorch's C++ modules.
 */
package org.rlhf4j.core.nn;
