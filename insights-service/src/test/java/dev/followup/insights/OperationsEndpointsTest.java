package dev.followup.insights;

import dev.followup.testing.OperationsEndpointsContract;
import dev.followup.testing.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class OperationsEndpointsTest extends OperationsEndpointsContract {
}
