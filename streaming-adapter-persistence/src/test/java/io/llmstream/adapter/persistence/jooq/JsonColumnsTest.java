package io.llmstream.adapter.persistence.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.Citation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonColumnsTest {

    @Test
    void shouldKeepTitleAndEveryStageScoreOfACitation() {
        List<Citation> citations = List.of(new Citation("d:0", "Text", 0.9, "d", 0, "Titel", 0.7, 3, Optional.of(0.95)),
                new Citation("e:1", "Mehr", 0.4, "e", 1));

        assertThat(JsonColumns.citations(JsonColumns.citations(citations))).isEqualTo(citations);
    }

    @Test
    void shouldReadCitationsStoredBeforeTheStageFieldsAsOneStageRankedByTheirOrder() {
        String old = "[{\"id\":\"d:0\",\"content\":\"A\",\"score\":0.9,\"document_id\":\"d\",\"chunk_index\":0},"
                + "{\"id\":\"d:1\",\"content\":\"B\",\"score\":0.5,\"document_id\":\"d\",\"chunk_index\":1}]";

        assertThat(JsonColumns.citations(old)).containsExactly(
                new Citation("d:0", "A", 0.9, "d", 0, "", 0.9, 1, Optional.empty()),
                new Citation("d:1", "B", 0.5, "d", 1, "", 0.5, 2, Optional.empty()));
    }
}
