/**
 * Shared maths of learning from comparisons: the Bradley-Terry model (Bradley and Terry 1952),
 * the loss a reward model minimises on preference pairs (InstructGPT, Ouyang et al. 2022, eq. 1;
 * with a margin as in Llama 2, Touvron et al. 2023, eq. 2), and an explicit loss for ties.
 * Used by language-model reward models ({@code rlhf4j-reward}) and by preference-based control
 * ({@code rlhf4j-control}, Christiano et al. 2017). Pure functions over tensors and doubles.
 */
package org.rlhf4j.core.preference;
