package io.spyglass.baseimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BaseCandidateTest {
    static BaseCandidate c(String repo, String tag, int layers, boolean source, long pushed) {
        return new BaseCandidate("sha256:" + repo.hashCode() + tag, repo, tag, layers, source, pushed);
    }

    @Test
    void aBaseImageSourceWinsOverALongerChainElsewhere() {
        BaseCandidate library = c("library/debian", "bookworm", 1, true, 1);
        BaseCandidate team = c("team/runtime", "v1", 3, false, 9);
        assertThat(BaseCandidate.best(List.of(team, library))).contains(library);
    }

    @Test
    void theNearestAncestorThenTheLatestPushThenTheName() {
        BaseCandidate debian = c("library/debian", "bookworm", 1, true, 5);
        BaseCandidate node = c("library/node", "20-bookworm", 4, true, 1);
        assertThat(BaseCandidate.best(List.of(debian, node))).contains(node);
        BaseCandidate older = c("library/debian", "bookworm-20240701", 1, true, 1);
        BaseCandidate newer = c("library/debian", "bookworm", 1, true, 2);
        assertThat(BaseCandidate.best(List.of(older, newer))).contains(newer);
        BaseCandidate a = c("library/debian", "a", 1, true, 2), b = c("library/debian", "b", 1, true, 2);
        assertThat(BaseCandidate.best(List.of(b, a))).contains(a);
        assertThat(BaseCandidate.best(List.of())).isEmpty();
    }

    @Test
    void aBaseHasLayers() {
        assertThatThrownBy(() -> c("library/scratch", "x", 0, true, 1)).hasMessageContaining("at least one layer");
    }
}
