package dev.roundup.web;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Makes {@code /q/openapi} the contract of the JSON API and nothing else: only {@code /api} paths (pages, feeds and
 * forms are not an API), only the schemas they use (no Qute or JDK internals), and on every operation the
 * {@link Problem} answers it can give. docs/openapi.yaml is this document, frozen; {@code ApiContractTest} compares.
 */
public class ApiContract implements OASFilter {

    static final String PROBLEM = "Problem";

    /**
     * An operation extension naming, in words, when a signed-in editor is refused with 403 beyond the role check
     * (the operation checks for itself, as the token operations do); read into the 403 answer and dropped.
     */
    public static final String FORBIDDEN = "x-roundup-forbidden";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            for (String path : List.copyOf(api.getPaths().getPathItems().keySet())) {
                if (!Problem.isApi(path)) {
                    api.getPaths().removePathItem(path);
                }
            }
            api.getPaths().getPathItems().forEach(ApiContract::documentProblems);
        }
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        components.addSchema(PROBLEM, problemSchema());
        keepOnlyUsedSchemas(api, components);
        if (api.getTags() != null) {
            Set<String> used = new HashSet<>();
            api.getPaths().getPathItems().values().forEach(item -> item.getOperations().values()
                    .forEach(op -> used.addAll(op.getTags() == null ? List.of() : op.getTags())));
            api.setTags(api.getTags().stream().filter(tag -> used.contains(tag.getName())).toList());
        }
    }

    static final String SIGN_IN = "Sign-in required: send an API token (Bearer) or, unless an admin turned it off,"
            + " an editor's email and password (Basic).";
    static final String CROSS_SITE = "The request could have been sent by another site: with the session cookie, a form body,"
            + " or HTTP Basic without a JSON body, send X-CSRF-Token (or, with Basic, X-Requested-By).";
    static final String TOO_LARGE = "The request body is larger than this server takes (quarkus.http.limits.max-body-size, 50M as shipped).";

    /**
     * 400 everywhere, 401 everywhere (every {@code /api} path needs a sign-in), 403 where it can happen: the
     * operation is an admin's, or it says when ({@link #FORBIDDEN}), or it changes
     * something and so passes the CSRF check; 404 where the path names something, 409 where it changes something, 413
     * where it takes a body, 429 for sign-in limits. The scanner's own 401 and 403 (no body, on every secured
     * operation) are replaced.
     */
    private static void documentProblems(String path, PathItem item) {
        item.getOperations().forEach((method, operation) -> {
            boolean namesOne = path.contains("{") || parameters(item, operation).stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
            boolean changes = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD && method != PathItem.HttpMethod.OPTIONS;
            String forbidden = forbiddenBecause(operation);
            if (changes) {
                forbidden = forbidden == null ? CROSS_SITE : forbidden + " Or: " + Character.toLowerCase(CROSS_SITE.charAt(0)) + CROSS_SITE.substring(1);
            }
            if (operation.getResponses() != null) {
                operation.getResponses().removeAPIResponse("401");
                operation.getResponses().removeAPIResponse("403");
            }
            problem(operation, "400", "The request breaks a rule; errors names each field at fault.");
            problem(operation, "401", SIGN_IN);
            if (forbidden != null) {
                problem(operation, "403", forbidden);
            }
            if (namesOne) {
                problem(operation, "404", "What the path names does not exist.");
            }
            if (changes) {
                problem(operation, "409", "Someone changed it first, or its state refuses the change.");
            }
            if (operation.getRequestBody() != null) {
                problem(operation, "413", TOO_LARGE);
            }
            problem(operation, "429", "Too many attempts: wait as Retry-After says.");
        });
    }

    /** Why a signed-in editor may be refused, apart from CSRF: what the operation says ({@link #FORBIDDEN}), or its being an admin's. */
    private static String forbiddenBecause(Operation operation) {
        Object declared = operation.getExtensions() == null ? null : operation.getExtensions().get(FORBIDDEN);
        if (declared != null) {
            operation.removeExtension(FORBIDDEN);
            return declared.toString();
        }
        boolean admins = operation.getSecurity() != null && operation.getSecurity().stream()
                .anyMatch(requirement -> requirement.getSchemes() != null && requirement.getSchemes().values().stream()
                        .anyMatch(roles -> roles != null && roles.contains(Roles.ADMIN)));
        return admins ? ErrorPages.ONLY_ADMINS : null;
    }

    private static List<Parameter> parameters(PathItem item, Operation operation) {
        List<Parameter> all = new java.util.ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            all.addAll(operation.getParameters());
        }
        return all;
    }

    private static void problem(Operation operation, String status, String description) {
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        operation.setResponses(responses);
        if (responses.hasAPIResponse(status)) {
            return;
        }
        APIResponse answer = OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE.toString(),
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM))));
        responses.addAPIResponse(status, answer);
    }

    /** The shape of {@link Problem}, which no operation returns as its body type and so the scanner never sees. */
    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("An RFC 9457 problem: what went wrong, in words for the person or script that asked.")
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).examples(List.of(400)))
                .addProperty("title", OASFactory.createSchema().addType(SchemaType.STRING).examples(List.of("Bad request")))
                .addProperty("detail", OASFactory.createSchema().addType(SchemaType.STRING))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.OBJECT)
                        .description("What is wrong with each field, by field name, when the request named fields.")
                        .additionalPropertiesSchema(OASFactory.createSchema().addType(SchemaType.STRING)))
                .required(List.of("status", "title", "detail"));
    }

    /** Drops every schema no kept operation reaches, directly or through another schema. */
    private static void keepOnlyUsedSchemas(OpenAPI api, Components components) {
        Map<String, Schema> schemas = components.getSchemas();
        Set<String> reached = new HashSet<>();
        Deque<Object> todo = new ArrayDeque<>();
        todo.add(api.getPaths());
        while (!todo.isEmpty()) {
            Object node = todo.pop();
            String ref = referencedSchema(node);
            if (ref != null && reached.add(ref) && schemas.containsKey(ref)) {
                todo.add(schemas.get(ref));
            }
            todo.addAll(children(node));
        }
        for (String name : List.copyOf(schemas.keySet())) {
            if (!reached.contains(name)) {
                components.removeSchema(name);
            }
        }
    }

    private static String referencedSchema(Object node) {
        String ref = node instanceof Schema s ? s.getRef() : null;
        String prefix = "#/components/schemas/";
        return ref != null && ref.startsWith(prefix) ? ref.substring(prefix.length()) : null;
    }

    /** The model objects below a node: the document is a tree of these, maps and lists. */
    private static Collection<?> children(Object node) {
        if (node instanceof Schema s) {
            return s.getAll().values().stream().filter(v -> v instanceof Schema || v instanceof Map || v instanceof Collection).toList();
        }
        if (node instanceof Map<?, ?> m) {
            return m.values();
        }
        if (node instanceof Collection<?> c) {
            return c;
        }
        if (node instanceof org.eclipse.microprofile.openapi.models.Paths p) {
            return p.getPathItems() == null ? List.of() : p.getPathItems().values();
        }
        if (node instanceof PathItem item) {
            List<Object> below = new java.util.ArrayList<>(item.getOperations().values());
            if (item.getParameters() != null) {
                below.addAll(item.getParameters());
            }
            return below;
        }
        if (node instanceof Operation op) {
            List<Object> below = new java.util.ArrayList<>();
            if (op.getParameters() != null) {
                below.addAll(op.getParameters());
            }
            if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                below.addAll(op.getRequestBody().getContent().getMediaTypes().values());
            }
            if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                op.getResponses().getAPIResponses().values().stream().filter(r -> r.getContent() != null)
                        .forEach(r -> below.addAll(r.getContent().getMediaTypes().values()));
            }
            return below;
        }
        if (node instanceof Parameter p) {
            return p.getSchema() == null ? List.of() : List.of(p.getSchema());
        }
        if (node instanceof org.eclipse.microprofile.openapi.models.media.MediaType media) {
            return media.getSchema() == null ? List.of() : List.of(media.getSchema());
        }
        return List.of();
    }
}
