package dev.followup.task.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.followup.task.domain.AccessRules.Decision;

class AccessRulesTest {
    private final UUID dealer = UUID.randomUUID();
    private final UUID otherDealer = UUID.randomUUID();
    private final Caller repA = new Caller(UUID.randomUUID(), dealer, Role.REP);
    private final Caller repB = new Caller(UUID.randomUUID(), dealer, Role.REP);
    private final Caller manager = new Caller(UUID.randomUUID(), dealer, Role.MANAGER);
    private final Caller otherManager = new Caller(UUID.randomUUID(), otherDealer, Role.MANAGER);

    @Test
    void aRepSeesTheirOwnListOnlyAndAManagerTheirDealers() {
        assertThat(AccessRules.repList(repA, repA.repId(), dealer)).isEqualTo(Decision.ALLOWED);
        assertThat(AccessRules.repList(repB, repA.repId(), dealer)).isEqualTo(Decision.FORBIDDEN);
        assertThat(AccessRules.repList(manager, repA.repId(), dealer)).isEqualTo(Decision.ALLOWED);
        assertThat(AccessRules.repList(otherManager, repA.repId(), dealer)).isEqualTo(Decision.NOT_FOUND);
        assertThat(AccessRules.repList(manager, UUID.randomUUID(), null)).isEqualTo(Decision.NOT_FOUND);
    }

    @Test
    void tasksFollowTheSameRule() {
        assertThat(AccessRules.task(repA, dealer, repA.repId())).isEqualTo(Decision.ALLOWED);
        assertThat(AccessRules.task(repB, dealer, repA.repId())).isEqualTo(Decision.FORBIDDEN);
        assertThat(AccessRules.task(manager, dealer, repA.repId())).isEqualTo(Decision.ALLOWED);
        assertThat(AccessRules.task(otherManager, dealer, repA.repId())).isEqualTo(Decision.NOT_FOUND);
    }

    @Test
    void managerActionsAreForTheDealersManager() {
        assertThat(AccessRules.managerTask(repA, dealer)).isEqualTo(Decision.FORBIDDEN);
        assertThat(AccessRules.managerTask(manager, dealer)).isEqualTo(Decision.ALLOWED);
        assertThat(AccessRules.managerTask(otherManager, dealer)).isEqualTo(Decision.NOT_FOUND);
        assertThat(AccessRules.dealer(repA, dealer)).isEqualTo(Decision.FORBIDDEN);
        assertThat(AccessRules.dealer(manager, dealer)).isEqualTo(Decision.ALLOWED);
        assertThat(AccessRules.dealer(otherManager, dealer)).isEqualTo(Decision.NOT_FOUND);
    }
}
