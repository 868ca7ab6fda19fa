package dev.roundup.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is looking at a page, for the layout: templates read {@code inject:viewer.editor}. */
@Named("viewer")
@RequestScoped
public class Viewer {

    @Inject
    SecurityIdentity identity;

    /** Whether the visitor is a signed-in editor. */
    public boolean isEditor() {
        return !identity.isAnonymous();
    }

    /** Whether the visitor is an admin, who manages editors, tokens and settings. */
    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }

    public String getEmail() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }
}
