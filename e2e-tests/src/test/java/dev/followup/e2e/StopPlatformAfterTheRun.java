package dev.followup.e2e;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the shared platform when the test run ends, before the JVM exits: a JVM shutdown hook alone is cut short
 * when surefire ends the forked JVM, which left service processes running.
 */
public class StopPlatformAfterTheRun implements LauncherSessionListener {
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SharedPlatform.stop();
    }
}
