package dev.roundup.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Puts {@link GreenMailResource} in front of every @QuarkusTest: the app's mail goes to a real in-process SMTP server. */
@QuarkusTestResource(GreenMailResource.class)
public final class WithGreenMail {

    private WithGreenMail() {
    }
}
