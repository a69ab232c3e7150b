package io.spyglass.server.ops;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Wraps every request (pages, registry, API, errors alike): gives it its id, echoes the id in
 * {@code X-Request-Id}, keeps it in the logging MDC while the request is handled, and writes one
 * access-log line when the answer is done.
 */
final class RequestContextFilter implements Filter {
    private static final Logger access = LoggerFactory.getLogger("io.spyglass.server.access");

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String id = RequestIds.accept(request.getHeader(RequestIds.HEADER));
        request.setAttribute(RequestIds.ATTRIBUTE, id);
        // set before the handler runs: a streamed blob commits the headers early
        response.setHeader(RequestIds.HEADER, id);
        MDC.put(RequestIds.MDC_KEY, id);
        long start = System.nanoTime();
        try {
            chain.doFilter(req, res);
        } finally {
            // the path only: query strings may carry state a log reader has no business with
            access.info("{} {} {} {}ms", request.getMethod(), request.getRequestURI(), response.getStatus(),
                    (System.nanoTime() - start) / 1_000_000);
            MDC.remove(RequestIds.MDC_KEY);
        }
    }
}
