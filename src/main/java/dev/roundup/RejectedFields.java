package dev.roundup;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A form or body that broke rules on several fields at once: every field's message, and the values to show back, so
 * a form can mark each field. Its own field is the first one broken; its message all of them.
 */
public class RejectedFields extends Rejected {

    private final Map<String, String> errors;
    private final Map<String, String> values;

    public RejectedFields(Map<String, String> errors, Map<String, String> values) {
        super(errors.keySet().iterator().next(), String.join(" ", errors.values()));
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Each broken field's message. */
    public Map<String, String> errors() {
        return errors;
    }

    /** What was sent, cleaned, by field: to show back in the form. */
    public Map<String, String> values() {
        return values;
    }
}
