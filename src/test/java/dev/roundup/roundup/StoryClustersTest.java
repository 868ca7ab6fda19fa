package dev.roundup.roundup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.roundup.roundup.StoryClusters.Candidate;
import dev.roundup.roundup.StoryClusters.Cluster;

/** When two posts tell the same story, and how a window's posts become stories told once. */
class StoryClustersTest {

    private static final Instant MONDAY = Instant.parse("2019-08-05T08:00:00Z");

    private static Candidate post(long id, String title) {
        return post(id, title, "https://blog" + id + ".example.org/posts/" + id, "");
    }

    private static Candidate post(long id, String title, String url, String html) {
        return new Candidate(id, title, url, html, MONDAY.plusSeconds(3600 * id), 1);
    }

    @Test
    void titlesSharingSixtyPercentOfTheirMeaningfulWordsAreOneStory() {
        // django, 5.1, released, async, orm: the other holds 3 of 5 (60 %); case, punctuation and stopwords don't count
        assertTrue(StoryClusters.same(post(1, "Django 5.1 released with async ORM"), post(2, "The Django 5.1 release is out: async ORM!")));
        assertTrue(StoryClusters.same(post(1, "Django 5.1 released with async ORM"), post(2, "django 5.1 — released; async")));
    }

    @Test
    void titlesSharingLessThanSixtyPercentAreTwoStories() {
        // django, 5.1, released, async, orm, views: 3 of 6 shared
        assertFalse(StoryClusters.same(post(1, "Django 5.1 released: async ORM views"), post(2, "Django 5.1 released for Python")));
    }

    @Test
    void titlesOfFewerThanThreeMeaningfulWordsNeverMatch() {
        assertFalse(StoryClusters.same(post(1, "Weekly links"), post(2, "Weekly links")));
        assertFalse(StoryClusters.same(post(1, "What is new in the Rust"), post(2, "What is new in the Rust")));
        assertTrue(StoryClusters.same(post(1, "Rust compiler speedups"), post(2, "Rust compiler speedups")));
    }

    @Test
    void titlesWhoseNumbersDifferNeverMatch() {
        assertFalse(StoryClusters.same(post(1, "Django 5.1 released"), post(2, "Django 5.2 released")));
        assertFalse(StoryClusters.same(post(1, "Django 5.1 released today"), post(2, "Django released today")));
        assertTrue(StoryClusters.same(post(1, "Django 5.1 released today"), post(2, "Django 5.1 released")));
    }

    @Test
    void postsLinkingToTheSameOutsidePageAreOneStoryWhateverTheirTitles() {
        Candidate a = post(1, "A long read on async", "https://a.example.org/read", "<p>See <a href=\"https://www.djangoproject.com/weblog/2019/aug/05/django-51/?utm_source=x\">the notes</a></p>");
        Candidate b = post(2, "My thoughts this week", "https://b.example.org/week", "<p><a href=\"https://www.djangoproject.com/weblog/2019/aug/05/django-51/#top\">Django</a></p>");
        assertTrue(StoryClusters.same(a, b), "the same page once made canonical (no tracking, no fragment)");
    }

    @Test
    void aPostLinkingToAnotherIsTheSameStory() {
        Candidate original = post(1, "Profiling Python in production", "https://a.example.org/profiling", "");
        Candidate aggregator = post(2, "Links of the day", "https://links.example.net/today", "<a href=\"https://a.example.org/profiling\">Profiling</a>");
        assertTrue(StoryClusters.same(original, aggregator));
    }

    @Test
    void linksToTheirOwnSitesFrontPagesOrNoiseHostsMakeNoStory() {
        String shared = "<a href=\"https://twitter.com/share?u=1\">share</a> <a href=\"https://python.org/\">Python</a> "
                + "<a href=\"https://www.reddit.com/r/python\">reddit</a>";
        Candidate a = post(1, "A long read on async", "https://same.example.org/a", shared + "<a href=\"https://same.example.org/about\">me</a>");
        Candidate b = post(2, "My thoughts this week", "https://same.example.org/b", shared + "<a href=\"https://same.example.org/about\">me</a>");
        assertFalse(StoryClusters.same(a, b));
    }

    @Test
    void aStoryIsOfferedOnceTheEarliestPostStandingForItAndRankedByHowManySourcesCarryIt() {
        Candidate lone = new Candidate(9, "An unrelated post about caching layers", "https://c.example.org/cache", "", MONDAY.plusSeconds(99_999), 2);
        List<Cluster> stories = StoryClusters.of(List.of(
                post(3, "Django 5.1 released with async ORM"),
                lone,
                post(1, "Django 5.1 released with the async ORM"),
                post(2, "Django 5.1 is out with async ORM")));
        assertEquals(2, stories.size());
        assertEquals(1, stories.get(0).lead().id(), "the earliest post stands for the story");
        assertEquals(List.of(2L, 3L), stories.get(0).others().stream().map(Candidate::id).toList());
        assertEquals(3, stories.get(0).sources(), "three sources rank above a post two feeds carried, though that one is newer");
        assertEquals(9, stories.get(1).lead().id());
    }

    @Test
    void aChainOfLookAlikesDoesNotGrowIntoOneStory() {
        // 1 ~ 2 and 2 ~ 3, but 1 and 3 share too little: 3 is a story of its own, not joined to 1 through 2
        Candidate first = post(1, "Kotlin coroutines explained simply");
        Candidate second = post(2, "Kotlin coroutines explained: flows");
        Candidate third = post(3, "Kotlin flows explained: channels");
        assertTrue(StoryClusters.same(first, second));
        assertTrue(StoryClusters.same(second, third));
        assertFalse(StoryClusters.same(first, third));
        List<Cluster> stories = StoryClusters.of(List.of(first, second, third));
        assertEquals(List.of(List.of(1L, 2L), List.of(3L)), stories.stream()
                .map(c -> java.util.stream.Stream.concat(java.util.stream.Stream.of(c.lead()), c.others().stream()).map(Candidate::id).toList())
                .sorted(java.util.Comparator.comparing(l -> l.get(0))).toList());
    }
}
