package io.flightpath.control.api;

import io.flightpath.core.AccountSid;
import java.util.Optional;

/** Accounts and their credentials, owned by the control store. Implementations are thread-safe. */
public interface AccountService {

    /** Creates an active account with a new random SID and auth token. */
    AccountCredentials create(String friendlyName);

    /** The account when {@code token} is its auth token; empty for an unknown SID or a wrong token. */
    Optional<Account> authenticate(AccountSid sid, String token);

    Optional<Account> find(AccountSid sid);
}
