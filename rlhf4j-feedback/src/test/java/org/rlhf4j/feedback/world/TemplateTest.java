package org.rlhf4j.feedback.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static final Function<String, String> SLOTS = Map.of("name", "maria", "order", "#48213")::get;

    @Test
    void fillsSlotsAndCapitalisesUpperCaseSlotNames() {
        SplittableRandom rng = new SplittableRandom(1);
        assertThat(Template.expand("{Name}, order {order}.", SLOTS, rng)).isEqualTo("Maria, order #48213.");
    }

    @Test
    void picksEveryAlternativeIncludingEmptyAndNestedOnes() {
        SplittableRandom rng = new SplittableRandom(2);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            seen.add(Template.expand("a[b|[c|d]|]e", SLOTS, rng));
        }
        // "[c|d]" is one of three alternatives, so c and d each come up about a sixth of the time.
        assertThat(seen).containsExactlyInAnyOrder("abe", "ace", "ade", "ae");
    }

    @Test
    void rejectsMalformedTemplatesNamingTheTemplate() {
        SplittableRandom rng = new SplittableRandom(3);
        assertThatThrownBy(() -> Template.expand("a[b|c", SLOTS, rng)).hasMessageContaining("unclosed '['").hasMessageContaining("a[b|c");
        assertThatThrownBy(() -> Template.expand("a{name", SLOTS, rng)).hasMessageContaining("unclosed '{'");
        assertThatThrownBy(() -> Template.expand("a]b", SLOTS, rng)).hasMessageContaining("stray ']'");
    }

    @Test
    void tidyCollapsesSpacesAndRemovesThemBeforePunctuation() {
        assertThat(Template.tidy("  Hi  there ,  how are you ?  ")).isEqualTo("Hi there, how are you?");
    }
}
