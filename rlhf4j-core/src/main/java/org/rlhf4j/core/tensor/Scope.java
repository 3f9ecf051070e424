package org.rlhf4j.core.tensor;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;

/**
 * A region whose native allocations are freed when it closes. libtorch tensors are invisible to
 * the Java garbage collector, so every training step, generation call and evaluation batch runs
 * inside one: {@code try (Scope step = Scope.open()) { ... }}. Tensors that must outlive the step
 * (parameters, caches, results) are {@link #keep kept}: they gain a reference of their own, so
 * closing scopes leaves them alive, and their owner frees them with {@link #release}.
 */
public final class Scope implements AutoCloseable {
    private final PointerScope scope;

    private Scope() {
        Engine.load();
        this.scope = new PointerScope();
    }

    public static Scope open() {
        return new Scope();
    }

    /**
     * Gives {@code p} a reference of its own so that closing the enclosing scopes does not free
     * it. (JavaCPP's {@code PointerScope.detach} would drop a reference unconditionally, which
     * frees a pointer that the scope never held.)
     */
    public static <P extends Pointer> P keep(P p) {
        p.retainReference();
        return p;
    }

    /** Drops the reference taken by {@link #keep}; the native memory is freed when none remain. */
    public static void release(Pointer p) {
        if (p != null && !p.isNull()) p.releaseReference();
    }

    @Override
    public void close() {
        scope.close();
    }
}
