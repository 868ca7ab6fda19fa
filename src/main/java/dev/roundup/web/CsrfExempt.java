package dev.roundup.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the rare endpoint that must accept a POST without a CSRF token, such as RFC 8058 one-click unsubscribe,
 * which mail providers call without cookies. Such an endpoint must be safe to call by anyone holding its link.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CsrfExempt {
}
