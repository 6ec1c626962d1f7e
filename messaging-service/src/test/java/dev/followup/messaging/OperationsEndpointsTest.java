package dev.followup.messaging;

import dev.followup.infra.OperationsEndpointsContract;
import dev.followup.infra.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class OperationsEndpointsTest extends OperationsEndpointsContract {
}
