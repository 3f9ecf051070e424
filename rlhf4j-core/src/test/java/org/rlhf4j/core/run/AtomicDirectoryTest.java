package org.rlhf4j.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicDirectoryTest {

    @TempDir
    Path parent;

    private Path target() {
        return parent.resolve("ckpt");
    }

    @Test
    void createsThenReplacesTheTarget() throws Exception {
        AtomicDirectory.write(target(), dir -> {
            Files.writeString(dir.resolve("weights"), "v1");
            Files.writeString(Files.createDirectory(dir.resolve("optim")).resolve("state"), "s1");
        });
        assertThat(Files.readString(target().resolve("weights"))).isEqualTo("v1");

        AtomicDirectory.write(target(), dir -> Files.writeString(dir.resolve("weights"), "v2"));
        assertThat(Files.readString(target().resolve("weights"))).isEqualTo("v2");
        assertThat(target().resolve("optim")).doesNotExist(); // replaced, not merged
        assertThat(entries()).containsExactly("ckpt");
    }

    @Test
    void aFailingFillerLeavesThePreviousTargetAndNoTemporaryDirectory() throws Exception {
        AtomicDirectory.write(target(), dir -> Files.writeString(dir.resolve("weights"), "v1"));
        assertThatThrownBy(() -> AtomicDirectory.write(target(), dir -> {
            Files.writeString(dir.resolve("weights"), "half-written");
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(Files.readString(target().resolve("weights"))).isEqualTo("v1");
        assertThat(entries()).containsExactly("ckpt");

        assertThatThrownBy(() -> AtomicDirectory.write(parent.resolve("fresh"), dir -> {
            throw new IllegalStateException("NaN loss");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(entries()).containsExactly("ckpt");
    }

    @Test
    void recoverDeletesTemporaryDirectories() throws Exception {
        Files.createDirectory(target());
        Path tmp = leftover(".ckpt.tmp-0000018d2a3b4c5d-0badcafe", "half");
        AtomicDirectory.Recovery recovery = AtomicDirectory.recover(target());
        assertThat(recovery.deleted()).containsExactly(tmp);
        assertThat(recovery.restoredFrom()).isEmpty();
        assertThat(entries()).containsExactly("ckpt");
    }

    @Test
    void recoverRestoresTheNewestOldWhenTheTargetIsMissing() throws Exception {
        // crash between moving the target aside and moving the new version in
        Path older = leftover(".ckpt.old-0000018d2a3b4c5d-00000001", "v0");
        Path old = leftover(".ckpt.old-0000018d2a3b4c5e-00000002", "v1");
        Path tmp = leftover(".ckpt.tmp-0000018d2a3b4c5e-00000003", "v2");
        AtomicDirectory.Recovery recovery = AtomicDirectory.recover(target());
        assertThat(recovery.restoredFrom()).contains(old);
        assertThat(recovery.deleted()).containsExactlyInAnyOrder(tmp, older);
        assertThat(Files.readString(target().resolve("weights"))).isEqualTo("v1");
        assertThat(entries()).containsExactly("ckpt");
    }

    @Test
    void recoverDeletesAnOldBesideACompleteTarget() throws Exception {
        // crash while deleting the previous version
        Files.writeString(Files.createDirectory(target()).resolve("weights"), "v2");
        leftover(".ckpt.old-0000018d2a3b4c5d-00000001", "v1");
        AtomicDirectory.recover(target());
        assertThat(Files.readString(target().resolve("weights"))).isEqualTo("v2");
        assertThat(entries()).containsExactly("ckpt");
    }

    @Test
    void recoverLeavesOtherSiblingsAloneAndIsANoOpWhenClean() throws Exception {
        Files.createDirectory(target());
        Files.createDirectory(parent.resolve(".ckpt-2.tmp-0000018d2a3b4c5d-00000001")); // another target's
        Files.createDirectory(parent.resolve(".ckpt.old-1.tmp-0000018d2a3b4c5d-00000001")); // target "ckpt.old-1"'s
        Files.createDirectory(parent.resolve(".ckpt.tmp-by-hand"));
        assertThat(AtomicDirectory.recover(target()).changedAnything()).isFalse();
        assertThat(entries()).hasSize(4);
        assertThat(AtomicDirectory.recover(parent.resolve("missing")).changedAnything()).isFalse();
    }

    @Test
    void writeRecoversLeftoversFirst() throws Exception {
        leftover(".ckpt.old-0000018d2a3b4c5d-00000001", "v1");
        leftover(".ckpt.tmp-0000018d2a3b4c5d-00000002", "v2-partial");
        AtomicDirectory.write(target(), dir -> Files.writeString(dir.resolve("weights"), "v3"));
        assertThat(Files.readString(target().resolve("weights"))).isEqualTo("v3");
        assertThat(entries()).containsExactly("ckpt");
    }

    private Path leftover(String name, String weights) throws IOException {
        Path dir = Files.createDirectory(parent.resolve(name));
        Files.writeString(dir.resolve("weights"), weights);
        return dir;
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> list = Files.list(parent)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
