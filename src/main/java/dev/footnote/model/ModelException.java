package dev.footnote.model;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/**
 * The language model could not give an answer. Carries the HTTP status and error code a client of Footnote
 * sees (502 bad reply, 503 unreachable or rate-limited, 504 too slow) and a message written here, never the
 * model server's own words, which may echo request details.
 */
public final class ModelException extends RuntimeException {

    private final int status;
    private final String code;

    public ModelException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ModelException timeout(Duration timeout) {
        return new ModelException(504, "model_timeout",
                "the language model did not answer within " + seconds(timeout) + " s");
    }

    public static ModelException badReply(String what) {
        return new ModelException(502, "model_bad_reply", "the language model server " + what);
    }

    /** Classifies a failure of a LangChain4j call by what caused it. */
    public static ModelException from(Throwable failure, Duration timeout) {
        if (failure instanceof ModelException m) {
            return m;
        }
        Integer status = null;
        boolean io = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof dev.langchain4j.exception.TimeoutException || t instanceof HttpTimeoutException
                    || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return timeout(timeout);
            }
            if (t instanceof RateLimitException) {
                status = 429;
            }
            if (t instanceof ConnectException || t instanceof UnresolvedModelServerException
                    || t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.NoRouteToHostException) {
                return new ModelException(503, "model_unavailable", "the language model server cannot be reached");
            }
            if (t instanceof HttpException h) {
                status = h.statusCode();
            }
            if (status == null && t instanceof AuthenticationException) {
                status = 401;
            }
            if (status == null && t instanceof ModelNotFoundException) {
                status = 404;
            }
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                return badReply("answered with something that is not a valid reply");
            }
            if (t instanceof IOException) {
                io = true;
            }
        }
        if (status != null) {
            return switch (status) {
                case 429 -> new ModelException(503, "model_rate_limited",
                        "the language model server is limiting requests (HTTP 429); try again later");
                case 401, 403 -> new ModelException(502, "model_refused",
                        "the language model server refused the credentials (HTTP " + status + ")");
                case 404 -> new ModelException(502, "model_not_found",
                        "the language model server does not know the model or the address (HTTP 404)");
                case 408, 504 -> new ModelException(504, "model_timeout",
                        "the language model server timed out (HTTP " + status + ")");
                case 502, 503 -> new ModelException(503, "model_unavailable",
                        "the language model server is unavailable (HTTP " + status + ")");
                default ->
                    new ModelException(502, "model_error", "the language model server failed (HTTP " + status + ")");
            };
        }
        if (io) {
            return new ModelException(502, "model_connection_lost",
                    "the connection to the language model server broke off");
        }
        return new ModelException(502, "model_error", "the language model call failed");
    }

    private static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
    }
}
