package org.rlhf4j.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeedStreamsTest {

    @Test
    void buildingBlocksMatchPublishedVectors() {
        assertThat(SeedStreams.splitMix64(0)).isEqualTo(0xE220A8397B1DCDAFL); // first SplitMix64 output from state 0
        assertThat(SeedStreams.fnv1a64("")).isEqualTo(0xCBF29CE484222325L); // FNV-1a 64 offset basis
        assertThat(SeedStreams.fnv1a64("a")).isEqualTo(0xAF63DC4C8601EC8CL);
        assertThat(SeedStreams.fnv1a64("foobar")).isEqualTo(0x85944171F73967E8L);
    }

    /** Values fixed forever: changing them changes every saved run's randomness. */
    @Test
    void streamSeedsAreStable() {
        assertThat(SeedStreams.of(42).seed("model_init")).isEqualTo(0xE6F245600B0423A1L);
        assertThat(SeedStreams.of(42).seed("data_order")).isEqualTo(0xF4D1950D1916D7AAL);
        assertThat(SeedStreams.of(0).seed("sampling")).isEqualTo(0xE28438608D8691E1L);
        assertThat(SeedStreams.of(-1).seed("model_init")).isEqualTo(0x77C31B4BD1401F1BL);
        assertThat(SeedStreams.of(42).seed("\u00e9")).isEqualTo(0xAA410DB934CF77C2L); // hashed as UTF-8 C3 A9
    }

    @Test
    void streamsAreReproducibleAndDistinct() {
        SeedStreams seeds = SeedStreams.of(7);
        SplittableRandom first = seeds.random(SeedStreams.SAMPLING);
        SplittableRandom again = SeedStreams.of(7).random(SeedStreams.SAMPLING);
        for (int i = 0; i < 5; i++) {
            assertThat(first.nextLong()).isEqualTo(again.nextLong());
        }
        assertThat(seeds.seed("a")).isNotEqualTo(seeds.seed("b"));
        assertThat(seeds.seed("a")).isNotEqualTo(SeedStreams.of(8).seed("a"));
        assertThat(seeds.fork("worker/1").seed("a")).isEqualTo(SeedStreams.of(seeds.seed("worker/1")).seed("a"));
        assertThat(seeds.fork("worker/1").seed("a")).isNotEqualTo(seeds.fork("worker/2").seed("a"));
    }

    @Test
    void rejectsEmptyNames() {
        assertThatThrownBy(() -> SeedStreams.of(1).seed("")).hasMessageContaining("stream name must be non-empty");
    }
}
