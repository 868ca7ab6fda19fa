package dev.roundup.web;

import java.io.IOException;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * An API operation that takes a JSON object refuses, with 400, a request whose body is empty or the literal
 * {@code null}: without this, every such operation would meet a null argument and each would need its own check.
 */
@Provider
public class RequiredBody implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object body = context.proceed();
        if (body == null && context.getType().isRecord()) {
            throw new BadRequestException("This request needs a JSON object in its body (Content-Type: application/json).");
        }
        return body;
    }
}
