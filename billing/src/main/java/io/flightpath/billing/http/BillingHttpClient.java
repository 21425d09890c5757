package io.flightpath.billing.http;

import com.fasterxml.jackson.core.type.TypeReference;
import io.flightpath.billing.api.BillingService;
import io.flightpath.billing.api.UsageCategory;
import io.flightpath.billing.api.UsageRecord;
import io.flightpath.core.AccountSid;
import io.flightpath.http.ServiceClient;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link BillingService} over HTTP against {@link BillingHttpServer}: it fails with the service's own error codes. Thread-safe. */
public final class BillingHttpClient implements BillingService {
    private static final TypeReference<List<UsageRecord>> RECORDS = new TypeReference<>() { };
    private final ServiceClient http;

    public BillingHttpClient(ServiceClient http) {
        this.http = http;
    }

    @Override
    public List<UsageRecord> usageRecords(AccountSid account, UsageCategory category, LocalDate start, LocalDate end) {
        Map<String, String> query = new HashMap<>();
        query.put("category", category == null ? null : category.wire());
        query.put("start", start.toString());
        query.put("end", end.toString());
        return http.get("/v1/accounts/" + account + "/usage-records", query, RECORDS);
    }
}
