package dev.roundup.testing;

import java.util.Comparator;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Test classes in reverse order of their names, to show that the classes sharing a test profile do not depend on
 * running in name order (Quarkus groups the classes by profile, then orders each group by name). Used only on the
 * command line: {@code -Djunit.quarkus.orderer.secondary-orderer=dev.roundup.testing.ReverseClassOrder}.
 */
public class ReverseClassOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing((ClassDescriptor d) -> d.getTestClass().getName()).reversed());
    }
}
