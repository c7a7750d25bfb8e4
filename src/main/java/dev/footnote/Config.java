package dev.footnote;

import dev.footnote.ask.Limits;
import dev.footnote.conversation.ConversationSettings;
import dev.footnote.index.BackendSettings;
import dev.footnote.index.VectorPlan;
import dev.footnote.model.ModelSettings;
import dev.footnote.retrieve.Retrieval;
import dev.footnote.retrieve.Retriever;
import dev.footnote.server.ServerOptions;
import dev.footnote.slack.SlackSettings;
import dev.footnote.telegram.TelegramSettings;
import java.nio.file.Path;

/**
 * Everything Footnote can be told, in one object, each default stated once in {@link #DEFAULTS}. The command line
 * builds it from flags and {@code FOOTNOTE_*} variables (every option has both); code and tests start from
 * {@link #of} and change what they need with the {@code with…} methods.
 *
 * @param articles        the collection folder
 * @param index           where its index lives (and the embedding model's native libraries)
 * @param retrieval       BM25, vector or hybrid
 * @param retriever       how retrieval weighs and fuses what it finds
 * @param model           who answers: the extractive answerer or a language model
 * @param limits          the bounds on one question, for every channel
 * @param host            the address {@code footnote serve} listens on
 * @param port            its port (0 picks a free one)
 * @param server          access, rate, concurrency and streaming settings of the HTTP server
 * @param watch           whether {@code footnote serve} follows changes to the folder
 * @param watchPollMillis how often the folder is looked at while watched
 * @param slack           how to reach Slack (off without a bot token)
 * @param telegram        how to reach Telegram (off without a bot token)
 * @param conversations   what is remembered of conversations, for how long, and where
 * @param backend         where the index lives: the embedded Lucene folder or a SolrCloud collection
 * @param vectors         which units the model embeds, which get vectors derived from their sentences', and which
 *                        none; null for the plan the index was made under ({@link VectorPlan#DEFAULT} for a new one)
 */
public record Config(Path articles, Path index, Retrieval retrieval, Retriever.Settings retriever, ModelSettings model,
        Limits limits, String host, int port, ServerOptions server, boolean watch, long watchPollMillis,
        SlackSettings slack, TelegramSettings telegram, ConversationSettings conversations, BackendSettings backend,
        VectorPlan vectors) {

    public static final Config DEFAULTS = new Config(Path.of("articles"), Path.of("index"), Retrieval.HYBRID,
            Retriever.Settings.DEFAULT, ModelSettings.EXTRACTIVE, Limits.DEFAULTS, "127.0.0.1", 7070,
            ServerOptions.DEFAULTS, true, 1000, SlackSettings.OFF, TelegramSettings.OFF,
            ConversationSettings.DEFAULTS, BackendSettings.LUCENE, VectorPlan.DEFAULT);

    /** The defaults over this collection and index. */
    public static Config of(Path articles, Path index) {
        return DEFAULTS.withArticles(articles).withIndex(index);
    }

    public Config withArticles(Path articles) {
        return new Config(articles, index, retrieval, retriever, model, limits, host, port, server, watch,
                watchPollMillis, slack, telegram, conversations, backend, vectors);
    }

    public Config withIndex(Path index) {
        return new Config(articles, index, retrieval, retriever, model, limits, host, port, server, watch,
                watchPollMillis, slack, telegram, conversations, backend, vectors);
    }

    public Config withRetrieval(Retrieval retrieval) {
        return new Config(articles, index, retrieval, retriever, model, limits, host, port, server, watch,
                watchPollMillis, slack, telegram, conversations, backend, vectors);
    }

    public Config withRetriever(Retriever.Settings retriever) {
        return new Config(articles, index, retrieval, retriever, model, limits, host, port, server, watch,
                watchPollMillis, slack, telegram, conversations, backend, vectors);
    }

    public Config withModel(ModelSettings model) {
        return new Config(articles, index, retrieval, retriever, model, limits, host, port, server, watch,
                watchPollMillis, slack, telegram, conversations, backend, vectors);
    }

    public Config withLimits(Limits limits) {
        return new Config(articles, index, retrieval, retriever, model, limits, host, port, server, watch,
                watchPollMillis, slack, telegram, conversations, backend, vectors);
    }

    public Config withListening(String host, int port) {
        return new Config(articles, index, retrieval, retriever, model, limits, host, port, server, watch,
                watchPollMillis, slack, telegram, conversations, backend, vectors);
    }

    public Config withServer(ServerOptions server) {
        return new Config(articles, index, retrieval, retriever, model, limits, host, port, server, watch,
                watchPollMillis, slack, telegram, conversations, backend, vectors);
    }

    public Config withWatch(boolean watch, long watchPollMillis) {
        return new Config(articles, index, retrieval, retriever, model, limits, host, port, server, watch,
                watchPollMillis, slack, telegram, conversations, backend, vectors);
    }

    public Config withChat(SlackSettings slack, TelegramSettings telegram) {
        return new Config(articles, index, retrieval, retriever, model, limits, host, port, server, watch,
                watchPollMillis, slack, telegram, conversations, backend, vectors);
    }

    public Config withConversations(ConversationSettings conversations) {
        return new Config(articles, index, retrieval, retriever, model, limits, host, port, server, watch,
                watchPollMillis, slack, telegram, conversations, backend, vectors);
    }

    public Config withBackend(BackendSettings backend) {
        return new Config(articles, index, retrieval, retriever, model, limits, host, port, server, watch,
                watchPollMillis, slack, telegram, conversations, backend, vectors);
    }

    public Config withVectors(VectorPlan vectors) {
        return new Config(articles, index, retrieval, retriever, model, limits, host, port, server, watch,
                watchPollMillis, slack, telegram, conversations, backend, vectors);
    }
}
