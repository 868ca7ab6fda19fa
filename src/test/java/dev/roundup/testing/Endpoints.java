package dev.roundup.testing;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Every HTTP operation Roundup serves, read from its JAX-RS resources by reflection, so a test that walks them all
 * also walks the ones added next month: method, path template, path/query/form parameters with their Java types,
 * and the body type (a JSON record, a stream) when there is one.
 */
public final class Endpoints {

    public enum Where { PATH, QUERY, FORM }

    /** One parameter: where it travels, its name, its type ({@code elementType} for a {@code List<Long>}). */
    public record Param(Where where, String name, Class<?> type) {
    }

    /** One operation. {@code body} is null when the method takes none. */
    public record Endpoint(String method, String path, List<Param> params, Class<?> body, List<String> consumes) {
        public boolean hasForm() {
            return params.stream().anyMatch(p -> p.where() == Where.FORM);
        }

        public boolean hasUpload() {
            return params.stream().anyMatch(p -> p.where() == Where.FORM && p.type().getSimpleName().equals("FileUpload"));
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private Endpoints() {
    }

    /** The operations of every resource compiled under {@code target/classes}, sorted by path then method. */
    public static List<Endpoint> all() throws IOException {
        List<Endpoint> all = new ArrayList<>();
        Path root = Path.of("target/classes");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (Stream<Path> files = Files.walk(root.resolve("dev/roundup"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, loader);
                } catch (Throwable notLoadable) {
                    continue;
                }
                jakarta.ws.rs.Path base = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (base != null) {
                    for (Method m : type.getDeclaredMethods()) {
                        endpoint(base.value(), type, m).ifPresent(all::add);
                    }
                }
            }
        }
        all.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method));
        return all;
    }

    private static java.util.Optional<Endpoint> endpoint(String base, Class<?> type, Method m) {
        String verb = null;
        for (Annotation a : m.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) {
                verb = h.value();
            }
        }
        if (verb == null) {
            return java.util.Optional.empty();
        }
        jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
        String path = ("/" + base + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        List<Param> params = new ArrayList<>();
        Class<?> body = null;
        for (Parameter p : m.getParameters()) {
            Class<?> t = elementType(p);
            if (p.isAnnotationPresent(RestPath.class) || p.isAnnotationPresent(PathParam.class)) {
                params.add(new Param(Where.PATH, name(p, value(p.getAnnotation(RestPath.class)), p.getAnnotation(PathParam.class) == null ? "" : p.getAnnotation(PathParam.class).value()), t));
            } else if (p.isAnnotationPresent(RestQuery.class) || p.isAnnotationPresent(QueryParam.class)) {
                params.add(new Param(Where.QUERY, name(p, value(p.getAnnotation(RestQuery.class)), p.getAnnotation(QueryParam.class) == null ? "" : p.getAnnotation(QueryParam.class).value()), t));
            } else if (p.isAnnotationPresent(RestForm.class) || p.isAnnotationPresent(FormParam.class)) {
                params.add(new Param(Where.FORM, name(p, value(p.getAnnotation(RestForm.class)), p.getAnnotation(FormParam.class) == null ? "" : p.getAnnotation(FormParam.class).value()), t));
            } else if (p.getAnnotations().length == 0 && !isContext(p.getType())) {
                body = p.getType();
            }
        }
        Consumes consumes = m.getAnnotation(Consumes.class) != null ? m.getAnnotation(Consumes.class) : type.getAnnotation(Consumes.class);
        return java.util.Optional.of(new Endpoint(verb, path, params, body, consumes == null ? List.of() : List.of(consumes.value())));
    }

    private static String value(Annotation a) {
        if (a instanceof RestPath r) {
            return r.value();
        }
        if (a instanceof RestQuery r) {
            return r.value();
        }
        if (a instanceof RestForm r) {
            return r.value();
        }
        return "";
    }

    private static String name(Parameter p, String rest, String jaxrs) {
        if (!rest.isEmpty()) {
            return rest;
        }
        return jaxrs.isEmpty() ? p.getName() : jaxrs;
    }

    private static Class<?> elementType(Parameter p) {
        if (List.class.isAssignableFrom(p.getType()) && p.getParameterizedType() instanceof ParameterizedType pt
                && pt.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return p.getType();
    }

    private static boolean isContext(Class<?> t) {
        String n = t.getName();
        return n.startsWith("io.vertx.") || n.startsWith("jakarta.ws.rs.core.") || n.startsWith("jakarta.ws.rs.container.")
                || n.startsWith("org.jboss.resteasy.reactive.server.") || n.startsWith("io.quarkus.");
    }
}
