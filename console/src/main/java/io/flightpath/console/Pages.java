package io.flightpath.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders the console's templates, compiled to Java when the module is built (src/main/jte), so
 * no template is compiled at run time. A page is its body template inside the layout; a page that
 * updates itself names the URL its body is fetched from again. Thread-safe.
 */
final class Pages {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html, Pages.class.getClassLoader(),
            "io.flightpath.console.templates");

    /** Where a page is in the menu and who is signed in (null on the sign-in and error pages). */
    record Frame(String title, String section, Session session, String live) {
        static Frame of(String title, String section, Session session) {
            return new Frame(title, section, session, null);
        }

        Frame live(String url) {
            return new Frame(title, section, session, url);
        }
    }

    String fragment(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        engine.render(template, params, out);
        return out.toString();
    }

    void page(Context ctx, int status, Frame frame, String template, Map<String, Object> params) {
        Map<String, Object> layout = new HashMap<>();
        layout.put("title", frame.title());
        layout.put("section", frame.section() == null ? "" : frame.section());
        layout.put("who", frame.session() == null ? null : frame.session().who());
        layout.put("operator", frame.session() != null && frame.session().operator());
        layout.put("live", frame.live());
        layout.put("body", fragment(template, params));
        html(ctx.status(status), fragment("layout.jte", layout));
    }

    static void html(Context ctx, String html) {
        ctx.header("Cache-Control", "no-store").contentType("text/html; charset=utf-8").result(html);
    }
}
