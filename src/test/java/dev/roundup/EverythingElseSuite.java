package dev.roundup;

import org.junit.platform.suite.api.ExcludePackages;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** The other half of the Surefire suite: every test outside {@link SendingSuite}'s packages, and the Java migrations' tests. */
@Suite
@SelectPackages({ "dev.roundup", "db.migration" })
@ExcludePackages({ "dev.roundup.delivery", "dev.roundup.mail", "dev.roundup.bounces", "dev.roundup.settings" })
public class EverythingElseSuite {
}
