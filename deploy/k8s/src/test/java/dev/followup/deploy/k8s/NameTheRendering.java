package dev.followup.deploy.k8s;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/** Puts the overlay and renderer (the test's display name) in front of a failure's message. */
class NameTheRendering implements TestExecutionExceptionHandler {
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (failure instanceof AssertionError) {
            AssertionError named = new AssertionError(context.getDisplayName() + ": " + failure.getMessage(), failure);
            named.setStackTrace(failure.getStackTrace());
            throw named;
        }
        throw failure;
    }
}
