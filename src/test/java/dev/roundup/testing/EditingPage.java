package dev.roundup.testing;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The issue editing page as browser tests see it: its sections and items, its save status, a press of a button. */
public final class EditingPage {

    private EditingPage() {
    }

    /** Clicks a button in the middle of the window, away from the sticky save status. */
    public static void press(Chromium chromium, WebElement button) {
        chromium.driver().executeScript("arguments[0].scrollIntoView({block: 'center'});", button);
        button.click();
    }

    public static void awaitEditor(Chromium chromium) {
        chromium.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-section-items]")));
    }

    public static Object js(Chromium chromium, String script) {
        return chromium.driver().executeScript(script);
    }

    public static List<String> sectionTitles(Chromium chromium) {
        return chromium.driver().findElements(By.cssSelector("[data-section-title]")).stream().map(e -> e.getAttribute("value")).toList();
    }

    public static void awaitSaved(Chromium chromium) {
        chromium.await(ExpectedConditions.textToBe(By.id("save-status"), "All changes saved."));
        chromium.await(d -> {
            String text = d.findElement(By.id("save-status")).getText();
            return text.equals("All changes saved.");
        });
    }

    public static WebElement communityList(Chromium chromium) {
        return chromium.driver().findElements(By.cssSelector("[data-section]")).stream()
                .filter(s -> s.findElement(By.cssSelector("[data-section-title]")).getAttribute("value").equals("From the Community"))
                .findFirst().orElseThrow().findElement(By.cssSelector("[data-section-items]"));
    }

    public static List<String> titles(WebElement list) {
        return list.findElements(By.cssSelector("[data-title]")).stream().map(e -> e.getAttribute("value")).toList();
    }
}
