package dev.roundup.listings;

import java.util.HashMap;
import java.util.Map;

/** Valid project and job forms, as a person would fill them in; tests change one field to make them bad. */
public final class SubmissionTestForms {

    private SubmissionTestForms() {
    }

    public static Map<String, String> project(String name, String email) {
        Map<String, String> form = new HashMap<>();
        form.put("name", name);
        form.put("url", "https://" + name.toLowerCase().replaceAll("[^a-z]", "") + ".example.org/");
        form.put("description", "A tool that does one thing well.\nAnd a second line.");
        form.put("repoUrl", "https://git.example.org/maker/tool");
        form.put("imageUrl", "");
        form.put("makerName", "Maker " + name);
        form.put("makerEmail", email);
        form.put("website", "");
        return form;
    }

    public static Map<String, String> job(String title, String email) {
        Map<String, String> form = new HashMap<>();
        form.put("title", title);
        form.put("company", "Acme");
        form.put("location", "Remote");
        form.put("applyUrl", "https://acme.example.org/jobs/1");
        form.put("description", "Build things.\n\nWith Django.");
        form.put("salary", "€60k–80k");
        form.put("contactEmail", email);
        return form;
    }

}
