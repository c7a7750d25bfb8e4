package dev.footnote.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footnote.corpus.Passage;
import dev.footnote.corpus.Sentence;
import dev.footnote.retrieve.RetrievalResult;
import dev.footnote.retrieve.SearchHit;
import dev.footnote.retrieve.Similarity;
import dev.footnote.retrieve.TermWeights;
import dev.footnote.text.TextAnalysis;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each gate on made-up candidates: passages and term weights built in memory, as retrieval would hand them over,
 * with no index. Each test shows a gate turning away what it should, letting through what it should, and the
 * refusal naming it.
 */
class GateTest {

    private final ExtractiveAnswerer answerer = new ExtractiveAnswerer();

    /** What retrieval would have found: one passage a hit, in order, with no vectors. */
    private static final class Found {
        private final String question;
        private final Map<String, Double> idf = new HashMap<>();
        private final Set<String> absent = new HashSet<>();
        private final List<SearchHit> hits = new ArrayList<>();
        private final Map<String, Map<String, Double>> wordings = new HashMap<>();

        Found(String question) {
            this.question = question;
            TextAnalysis.termSet(question).forEach(t -> idf.put(t, 1.0));
        }

        /** The word's term weighs {@code idf}; {@code absent}: no passage of the collection has it. */
        Found word(String word, double weight, boolean isAbsent) {
            String term = TextAnalysis.terms(word).get(0);
            idf.put(term, weight);
            if (isAbsent) {
                absent.add(term);
            }
            return this;
        }

        /** A passage of these sentences, one a line, in file {@code file}. */
        Found passage(String file, String... sentences) {
            return passage(file, Map.of(), sentences);
        }

        /** As {@link #passage(String, String...)}, with the question's cosine similarity to some sentences. */
        Found passage(String file, Map<String, Double> similarity, String... sentences) {
            List<Sentence> list = new ArrayList<>();
            for (int i = 0; i < sentences.length; i++) {
                list.add(new Sentence(sentences[i], i + 3, i + 3));
            }
            Passage p = new Passage(file, 3, 2 + sentences.length, list, "News");
            hits.add(SearchHit.withSimilarities(p, 1.0 - 0.1 * hits.size(), similarity));
            return this;
        }

        /** The question without {@code words}, as the embedder would compare it with the sentences. */
        Found without(String words, Map<String, Double> similarity) {
            wordings.put(TextAnalysis.without(question, TextAnalysis.termSet(words)), similarity);
            return this;
        }

        RetrievalResult result() {
            Similarity similarity = text -> {
                Map<String, Double> known = wordings.get(text);
                return known == null ? Similarity.Scores.NONE : known::get;
            };
            return new RetrievalResult(hits, new TermWeights(idf, absent), null, similarity);
        }
    }

    private Draft draft(Found found) throws IOException {
        return answerer.draft(found.question, found.result());
    }

    private static void refusedBy(Draft d, String gate) {
        assertThat(d.answered()).as("answered: %s", d.claims()).isFalse();
        assertThat(d.refusal()).isNotNull();
        assertThat(d.refusal().gate()).isEqualTo(gate);
        assertThat(d.refusal().detail()).isNotBlank();
    }

    private static void answeredWith(Draft d, String sentence) {
        assertThat(d.answered()).as("refused: %s", d.refusal()).isTrue();
        assertThat(d.refusal()).isNull();
        assertThat(d.claims().get(0).text()).isEqualTo(sentence);
    }

    @Test
    void noTermsRefusesAQuestionWithNothingToLookFor() throws IOException {
        refusedBy(draft(new Found("Who is it?").passage("a.txt", "It is what it is.")), Gate.NoTerms.NAME);
    }

    @Test
    void noPassagesRefusesWhenNothingWasFound() throws IOException {
        Draft d = draft(new Found("Who leads Qatar?"));
        refusedBy(d, Gate.NoPassages.NAME);
        assertThat(d.closest()).isEmpty();
    }

    @Test
    void namesMissingTurnsAwayAPassageThatDoesNotNameWhatIsAsked() throws IOException {
        Draft d = draft(new Found("Who is the prime minister of Qatar?")
                .passage("a.txt", "The prime minister of Egypt is Mostafa Madbouly."));
        refusedBy(d, Gate.NamesMissing.NAME);
        assertThat(d.refusal().detail()).isEqualTo("no passage names Qatar");

        answeredWith(draft(new Found("Who is the prime minister of Qatar?")
                .passage("a.txt", "The prime minister of Egypt is Mostafa Madbouly.")
                .passage("b.txt", "Qatar's prime minister is Mohammed bin Abdulrahman Al Thani.")),
                "Qatar's prime minister is Mohammed bin Abdulrahman Al Thani.");
    }

    @Test
    void aNameSpelledOneLetterOtherwiseIsStillNamed() throws IOException {
        // "Sigimund" for "Sigismund": a reader's slip, not another column.
        answeredWith(draft(new Found("Where does King Sigimund's Column stand in Warsaw?")
                .passage("a.txt", "King Sigismund's Column stands in Castle Square in Warsaw.")),
                "King Sigismund's Column stands in Castle Square in Warsaw.");
        // Short names and names two letters apart stay different names.
        refusedBy(draft(new Found("Who leads Iraq?").passage("a.txt", "Masoud Pezeshkian leads Iran.")),
                Gate.NamesMissing.NAME);
        refusedBy(draft(new Found("Who governs Austria?").passage("a.txt", "Anthony Albanese governs Australia.")),
                Gate.NamesMissing.NAME);
    }

    @Test
    void oneEditApartAllowsOneLetterAddedDroppedChangedOrSwapped() {
        assertThat(ExtractiveAnswerer.oneEditApart("sigimund", "sigismund")).isTrue();
        assertThat(ExtractiveAnswerer.oneEditApart("counil", "council")).isTrue();
        assertThat(ExtractiveAnswerer.oneEditApart("germani", "german")).isTrue();
        assertThat(ExtractiveAnswerer.oneEditApart("warsaw", "warsav")).isTrue();
        assertThat(ExtractiveAnswerer.oneEditApart("warsaw", "wrasaw")).isTrue();
        assertThat(ExtractiveAnswerer.oneEditApart("warsaw", "warsaw")).isTrue();
        assertThat(ExtractiveAnswerer.oneEditApart("austria", "australia")).isFalse();
        assertThat(ExtractiveAnswerer.oneEditApart("warsaw", "marsaw")).isFalse();
        assertThat(ExtractiveAnswerer.oneEditApart("iraq", "iran")).isFalse();
    }

    @Test
    void aDemonymNamesItsPlace() throws IOException {
        answeredWith(draft(new Found("Which European city hosted the talks?")
                .passage("a.txt", "The talks were hosted in Geneva, a city in the heart of Europe.")),
                "The talks were hosted in Geneva, a city in the heart of Europe.");
        assertThat(ExtractiveAnswerer.demonymOf("japanes", "japan")).isTrue();
        assertThat(ExtractiveAnswerer.demonymOf("asian", "asia")).isTrue();
        // Not any longer word: "Australia" is no demonym of "Austria", nor "Iranian" of "Ira".
        assertThat(ExtractiveAnswerer.demonymOf("australia", "austria")).isFalse();
        assertThat(ExtractiveAnswerer.demonymOf("iranian", "ira")).isFalse();
    }

    @Test
    void yearsMissingTurnsAwayAPassageThatDoesNotStateTheYearAsked() throws IOException {
        Draft d = draft(new Found("Who signed the ceasefire agreement in Cairo in 1825?")
                .passage("a.txt", "Hamas signed the ceasefire agreement in Cairo in 2024."));
        refusedBy(d, Gate.YearsMissing.NAME);
        assertThat(d.refusal().detail()).isEqualTo("no passage found says 1825");

        answeredWith(draft(new Found("Who signed the ceasefire agreement in Cairo in 2024?")
                .passage("a.txt", "Hamas signed the ceasefire agreement in Cairo in 2024.")),
                "Hamas signed the ceasefire agreement in Cairo in 2024.");
    }

    @Test
    void answerKindTurnsAwayASentenceWithoutTheKindOfAnswerAsked() throws IOException {
        Draft d = draft(new Found("How many hostages were freed in Gaza?")
                .passage("a.txt", "Hostages were freed in Gaza on Sunday."));
        refusedBy(d, Gate.AnswerKind.NAME);
        assertThat(d.refusal().detail()).contains("a number");

        answeredWith(draft(new Found("How many hostages were freed in Gaza?")
                .passage("a.txt", "Hostages were freed in Gaza on Sunday.", "Twelve hostages were freed in Gaza.")),
                "Twelve hostages were freed in Gaza.");
    }

    @Test
    void unknownFocusTurnsAwayASentenceTheMissingWordDoesNotBringCloser() throws IOException {
        String sentence = "The talks in Doha were hosted by the emir.";
        String question = "Which hotel hosted the talks in Doha?";
        // Without "hotel" the question is closer to the sentence: the sentence says nothing of a hotel.
        Draft d = draft(new Found(question).word("hotel", 1, true)
                .passage("a.txt", Map.of(sentence, 0.70), sentence)
                .without("hotel", Map.of(sentence, 0.74)));
        refusedBy(d, Gate.UnknownFocus.NAME);
        assertThat(d.refusal().detail()).contains("hotel");

        // A synonym: "hotel" brings the question closer to the sentence.
        answeredWith(draft(new Found(question).word("hotel", 1, true)
                .passage("a.txt", Map.of(sentence, 0.70), sentence)
                .without("hotel", Map.of(sentence, 0.62))), sentence);
        // A name the question does not give may be the hotel's.
        String named = "The talks in Doha were hosted by the Sheraton.";
        answeredWith(draft(new Found(question).word("hotel", 1, true)
                .passage("a.txt", Map.of(named, 0.70), named)
                .without("hotel", Map.of(named, 0.74))), named);
    }

    @Test
    void supportTooLowTurnsAwayASentenceThatSaysTooLittleOfTheQuestion() throws IOException {
        Draft d = draft(new Found("Who signed the ceasefire agreement in Cairo?")
                .passage("a.txt", "Cairo is a large city on the Nile."));
        refusedBy(d, Gate.SupportTooLow.NAME);
        assertThat(d.refusal().detail()).contains("25%").contains("35%");

        answeredWith(draft(new Found("Who signed the ceasefire agreement in Cairo?")
                .passage("a.txt", "Cairo is a large city on the Nile.",
                        "Hamas signed the ceasefire agreement in Cairo.")),
                "Hamas signed the ceasefire agreement in Cairo.");
    }

    @Test
    void supportTooLowLetsThroughASentenceCloseInMeaning() throws IOException {
        String sentence = "Cairo was where the truce was put on paper.";
        Found found = new Found("Who signed the ceasefire agreement in Cairo?");
        refusedBy(draft(found.passage("a.txt", Map.of(sentence, 0.60), sentence)), Gate.SupportTooLow.NAME);
        answeredWith(draft(new Found("Who signed the ceasefire agreement in Cairo?")
                .passage("a.txt", Map.of(sentence, 0.78), sentence)), sentence);
    }

    /** A made-up score: the sentence's own coverage of the question and its similarity, from 0.5 up. */
    private static ExtractiveAnswerer scoring(double coverage, double similarity) {
        List<Double> weights = new ArrayList<>(java.util.Collections.nCopies(AnswerFeatures.NAMES.size(), 0.0));
        weights.set(AnswerFeatures.NAMES.indexOf("coverage"), coverage);
        weights.set(AnswerFeatures.NAMES.indexOf("similarity"), similarity);
        return new ExtractiveAnswerer(ExtractiveAnswerer.Settings.DEFAULT,
                new AnswerScore(AnswerFeatures.NAMES, weights, -6, 0.5, 0.9, "a test"));
    }

    @Test
    void lowConfidenceRefusesWhenTheLikeliestSentenceScoresBelowTheThreshold() throws IOException {
        ExtractiveAnswerer byCoverage = scoring(10, 0);
        // Half the question's weight passes support_too_low, and scores 1 / (1 + e^(6 - 5)).
        Found found = new Found("Who signed the ceasefire agreement in Cairo?")
                .passage("a.txt", "The agreement was discussed in Cairo.");
        Draft d = byCoverage.draft(found.question, found.result());
        refusedBy(d, Gate.LowConfidence.NAME);
        assertThat(d.confidence()).isEqualTo(0.269);
        assertThat(d.refusal().detail()).contains("scores 0.27, 0.50 is needed");

        Found more = new Found("Who signed the ceasefire agreement in Cairo?")
                .passage("a.txt", "The agreement was discussed in Cairo.",
                        "Hamas signed the ceasefire agreement in Cairo.");
        Draft answered = byCoverage.draft(more.question, more.result());
        answeredWith(answered, "Hamas signed the ceasefire agreement in Cairo.");
        assertThat(answered.confidence()).isEqualTo(0.982);
        assertThat(answered.claims()).hasSize(1); // the other scores below the threshold
    }

    @Test
    void aFurtherSentenceTheRulesRankCloseIsKeptOnlyWhenTheScoreFindsItLikely() throws IOException {
        // A question that asks for no name: a further sentence need not say the first one's short answer again.
        Found found = new Found("Why was the ceasefire agreement signed in Cairo?")
                .passage("a.txt", "Hamas signed the ceasefire agreement in Cairo.",
                        "Fatah leaders signed a ceasefire agreement on Monday.");
        // Three quarters of the question: 1 / (1 + e^(6 - 7.5)) by one score, 1 / (1 + e^(6 - 4.5)) by the other.
        assertThat(scoring(10, 0).draft(found.question, found.result()).claims()).extracting(Claim::score)
                .containsExactly(0.982, 0.818);
        assertThat(scoring(6, 0).draft(found.question, found.result()).claims()).extracting(Claim::text)
                .containsExactly("Hamas signed the ceasefire agreement in Cairo.");
    }

    @Test
    void theShippedScoreAnswersASentenceThatSaysWhatIsAsked() throws IOException {
        answeredWith(draft(new Found("Who signed the ceasefire agreement in Cairo?")
                .passage("a.txt", "Cairo is a large city on the Nile.",
                        "Hamas signed the ceasefire agreement in Cairo.")),
                "Hamas signed the ceasefire agreement in Cairo.");
        refusedBy(draft(new Found("Who signed the ceasefire agreement in Cairo?")
                .passage("a.txt", "Cairo is a large city on the Nile.")), Gate.SupportTooLow.NAME);
    }

    @Test
    void absentWordsTurnAwayAnAnswerWhenMuchOfTheQuestionIsWordsTheArticlesNeverUse() throws IOException {
        String sentence = "Egypt announced the truce in Cairo.";
        String question = "Who brokered the truce in Cairo?";
        Draft d = draft(new Found(question).word("brokered", 2, true).passage("a.txt", sentence));
        refusedBy(d, Gate.AbsentWords.NAME);
        assertThat(d.refusal().detail()).contains("\u201cbrokered\u201d");

        // A paraphrase: the missing word brings the question closer to the sentence, so it means what the sentence says.
        answeredWith(draft(new Found(question).word("brokered", 2, true)
                .passage("a.txt", Map.of(sentence, 0.70), sentence)
                .without("brokered", Map.of(sentence, 0.60))), sentence);
        // Not a paraphrase: without the missing word the question comes closer (a fact the text lacks).
        refusedBy(draft(new Found(question).word("brokered", 2, true)
                .passage("a.txt", Map.of(sentence, 0.70), sentence)
                .without("brokered", Map.of(sentence, 0.73))), Gate.AbsentWords.NAME);
    }

    @Test
    void theRefusalNamesTheLastGateAnyCandidateReached() throws IOException {
        // One sentence lacks the name, the other names it but says too little: the second got further.
        Draft d = draft(new Found("Who signed the ceasefire agreement in Cairo?")
                .passage("a.txt", "Hamas signed the ceasefire agreement in Doha.")
                .passage("b.txt", "Cairo is a large city on the Nile."));
        refusedBy(d, Gate.SupportTooLow.NAME);
        assertThat(d.closest()).isNotEmpty();
    }

    @Test
    void negationMissingTurnsAwayAPassageThatOnlySaysWhatIs() throws IOException {
        Draft d = draft(new Found("What river doesn't Warsaw straddle?")
                .passage("a.txt", "Warsaw straddles the Vistula River in east-central Poland."));
        refusedBy(d, Gate.NegationMissing.NAME);
        assertThat(d.refusal().detail()).isEqualTo(
                "the question asks what is not so (\u201cdoesn't\u201d), and no passage found says that anything is not");

        // A passage that says something is not, in "not" or a word of negative sense, may answer.
        answeredWith(draft(new Found("What river doesn't Warsaw straddle?")
                .passage("a.txt", "Warsaw straddles the Vistula River in east-central Poland.")
                .passage("b.txt", "Warsaw does not straddle the Oder River, which lies far to the west.")),
                "Warsaw does not straddle the Oder River, which lies far to the west.");
        answeredWith(draft(new Found("Which archaeologist proposed that the Amazon couldn't sustain large towns?")
                .passage("a.txt", "The archaeologist Betty Meggers proposed it was impossible to sustain large towns"
                        + " in the Amazon.")),
                "The archaeologist Betty Meggers proposed it was impossible to sustain large towns in the Amazon.");
        // "Without" asks for an absence, which a passage can state plainly.
        answeredWith(draft(new Found("Which rotary engine works without pistons?")
                .passage("a.txt", "The Wankel engine is a rotary engine that works with a triangular rotor.")),
                "The Wankel engine is a rotary engine that works with a triangular rotor.");
        // A claim to check is exempt: the passage is the evidence for or against it either way.
        answeredWith(draft(new Found("Warsaw does not straddle the Vistula River.")
                .passage("a.txt", "Warsaw straddles the Vistula River in east-central Poland.")),
                "Warsaw straddles the Vistula River in east-central Poland.");
    }

    @Test
    void furtherSentencesMustSayTheShortAnswerAgain() throws IOException {
        String met = "Hamas said its delegation met the Egyptian official Abbas Kamel, the intelligence chief, in Cairo.";
        String headed = "A Hamas delegation headed by Khalil Al-Hiya met an Egyptian official on Sunday.";
        String again = "The Egyptian official Abbas Kamel met the Hamas delegation again on Monday.";
        Draft d = draft(new Found("Which Egyptian official met the Hamas delegation?")
                .passage("a.txt", met).passage("b.txt", headed).passage("c.txt", again));
        assertThat(d.claims()).extracting(Claim::text).containsExactly(met, again);

        // A question that asks for no name, number or date keeps every sentence the scores choose.
        Draft why = draft(new Found("Why did the Egyptian official meet the Hamas delegation?")
                .passage("a.txt", met).passage("b.txt", headed).passage("c.txt", again));
        assertThat(why.claims()).extracting(Claim::text).containsExactly(met, headed, again);
    }

    @Test
    void numbersMissingTurnsAwayAPassageThatStatesOtherNumbers() throws IOException {
        Draft d = draft(new Found("What damaged the camera that Apollo 12 took into space?")
                .passage("a.txt", "The camera that Apollo 8 took into space was damaged by the sun."));
        refusedBy(d, Gate.NumbersMissing.NAME);
        assertThat(d.refusal().detail()).isEqualTo("no passage found says 12");

        // The next candidate that states the number answers.
        answeredWith(draft(new Found("What damaged the camera that Apollo 12 took into space?")
                .passage("a.txt", "The camera that Apollo 8 took into space was damaged by the sun.")
                .passage("b.txt", "On Apollo 12 the camera taken into space was damaged by the sun.")),
                "On Apollo 12 the camera taken into space was damaged by the sun.");
        // A number written another way is the same number.
        answeredWith(draft(new Found("Who signed the ceasefire agreement with 12 clauses in Cairo?")
                .passage("a.txt", "Hamas signed the ceasefire agreement with twelve clauses in Cairo.")),
                "Hamas signed the ceasefire agreement with twelve clauses in Cairo.");
        answeredWith(draft(new Found("When were engines of 10000 hp first built?")
                .passage("a.txt", "By 1883, engines of 10,000 hp were first built.")),
                "By 1883, engines of 10,000 hp were first built.");
        // A claim to check is answered by the passage that refutes it.
        answeredWith(draft(new Found("10% of the delegation's members were arrested in Cairo.")
                .passage("a.txt", "90% of the delegation's members were arrested in Cairo.")),
                "90% of the delegation's members were arrested in Cairo.");
        answeredWith(draft(new Found("Who was the university's 5th president?")
                .passage("a.txt", "The university's fifth president was Robert Hutchins.")),
                "The university's fifth president was Robert Hutchins.");
    }

    @Test
    void onlyNamesSharedTurnsAwayAPassageThatSharesNothingButTheName() throws IOException {
        String venues = "Venues include the Teatr Wielki, the Polish National Opera and the Chamber Opera.";
        Draft d = draft(new Found("Who was the founder of the Teatr Wielki?")
                .passage("a.txt", Map.of(venues, 0.55), venues));
        refusedBy(d, Gate.OnlyNamesShared.NAME);
        assertThat(d.refusal().detail()).isEqualTo("no passage that names it says anything about founder");

        // A passage that shares a word besides the name answers, however far it is in meaning.
        String founded = "The Teatr Wielki was founded by Antonio Corazzi in 1833.";
        answeredWith(draft(new Found("Who was the founder of the Teatr Wielki?")
                .passage("a.txt", Map.of(venues, 0.55), venues)
                .passage("b.txt", Map.of(founded, 0.55), "The Teatr Wielki's founder was Antonio Corazzi.")),
                "The Teatr Wielki's founder was Antonio Corazzi.");
        // Other words for the same thing are close in meaning, and pass; without vectors there is no judging.
        String question = "Who established the opera house Teatr Wielki?";
        answeredWith(draft(new Found(question).passage("a.txt", Map.of(founded, 0.75), founded)), founded);
        refusedBy(draft(new Found(question).passage("a.txt", Map.of(founded, 0.5), founded)),
                Gate.OnlyNamesShared.NAME);
        answeredWith(draft(new Found(question).passage("a.txt", founded)), founded);
        // "How old" asks for an age: "old" is the kind of answer, not something the passage must share.
        String badran = "Hossam Badran is a member of Hamas' Political Bureau.";
        assertThat(draft(new Found("How old is Hossam Badran?").passage("a.txt", Map.of(badran, 0.5), badran))
                .refusal().gate()).isEqualTo(Gate.AnswerKind.NAME);
        // A claim to check is exempt, as for numbers.
        answeredWith(draft(new Found("Teatr Wielki burned down twice.")
                .passage("a.txt", Map.of(venues, 0.5), venues)), venues);
    }

    @Test
    void numberFormsReadDigitsWordsOrdinalsAndRomanNumerals() {
        assertThat(NumberForms.value("10,000")).isEqualTo("10000");
        assertThat(NumberForms.value("2.50")).isEqualTo("2.5");
        assertThat(NumberForms.value("5th")).isEqualTo("5");
        assertThat(NumberForms.value(TextAnalysis.terms("twenty").get(0))).isEqualTo("20");
        assertThat(NumberForms.value(TextAnalysis.terms("one").get(0))).isEqualTo("1");
        assertThat(NumberForms.value("ii")).isEqualTo("2");
        assertThat(NumberForms.value("xiv")).isEqualTo("14");
        assertThat(NumberForms.value("vi")).isEqualTo("6");
        assertThat(NumberForms.value("i")).isEqualTo("1");
        assertThat(NumberForms.inRoman("1", "Type I hypersensitivity")).isTrue();
        assertThat(NumberForms.inRoman("1", "Type II hypersensitivity")).isFalse();
        assertThat(NumberForms.inRoman("14", "Louis XIV")).isTrue();
        assertThat(NumberForms.value("mix")).isNull();
        assertThat(NumberForms.value("vv")).isNull();
        assertThat(NumberForms.stated(TextAnalysis.terms("the 1970s, 1756"))).contains("70", "56", "1756");
        assertThat(NumberForms.value("engin")).isNull();
    }

    @Test
    void gatesAreNamedInSnakeCaseInTheOrderTheyApply() {
        assertThat(answerer.gates()).extracting(Gate::name).containsExactly("no_terms", "no_passages",
                "names_missing", "years_missing", "numbers_missing", "negation_missing", "only_names_shared",
                "answer_kind",
                "unknown_focus",
                "support_too_low",
                "absent_words",
                "low_confidence");
    }

    @Test
    void settingsAreReadByNameAndEveryOneIsRequired() {
        ExtractiveAnswerer.Settings s = ExtractiveAnswerer.Settings.DEFAULT;
        assertThat(s.gates().namesMissing().minCoverage()).isEqualTo(0.75);
        assertThat(s.choice().maxSentences()).isEqualTo(3);
        assertThatThrownBy(() -> ExtractiveAnswerer.Settings.read("missing-setting.json"))
                .hasMessageContaining("absent_margin");
        assertThatThrownBy(() -> ExtractiveAnswerer.Settings.read("no-such-file.json"))
                .hasMessageContaining("missing");
    }
}
