package dev.followup.platform.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.UUID;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

class CorrelationTest {
    @Test
    void putsTheIdsForTheScopeAndRestoresWhatWasThere() {
        UUID event = UUID.randomUUID();
        UUID outer = UUID.randomUUID();
        try (Correlation lead = Correlation.ofLead(outer)) {
            try (Correlation ids = Correlation.ofEvent("7b2e9c14-3a5f-4d6b-8e1c-2f9a0b7c6d53", event, "lead.created.v1")) {
                assertEquals("7b2e9c14-3a5f-4d6b-8e1c-2f9a0b7c6d53", MDC.get(Correlation.LEAD_ID));
                assertEquals(event.toString(), MDC.get(Correlation.EVENT_ID));
                assertEquals("lead.created.v1", MDC.get(Correlation.EVENT_TYPE));
            }
            assertEquals(outer.toString(), MDC.get(Correlation.LEAD_ID));
            assertNull(MDC.get(Correlation.EVENT_ID));
        }
        assertNull(MDC.get(Correlation.LEAD_ID));
    }

    @Test
    void aDirectoryRecordHasNoLead() {
        try (Correlation ids = Correlation.ofEvent(null, UUID.randomUUID(), "directory.rep.v1")) {
            assertNull(MDC.get(Correlation.LEAD_ID));
            assertEquals("directory.rep.v1", MDC.get(Correlation.EVENT_TYPE));
        }
    }
}
