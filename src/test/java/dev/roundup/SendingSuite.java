package dev.roundup;

import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * Half of the Surefire suite, run in a JVM of its own beside {@link EverythingElseSuite}: the features that send
 * mail. Each test profile's classes are all in one suite, so neither JVM builds an app the other also builds, except
 * the default one.
 */
@Suite
@SelectPackages({ "dev.roundup.delivery", "dev.roundup.mail", "dev.roundup.bounces", "dev.roundup.settings" })
public class SendingSuite {
}
