-- Write model of the command service and its event log (the transactional outbox).

-- Executed commands by client request id, so that a repeated command returns its first result.
CREATE TABLE command_requests (
    request_id  text        PRIMARY KEY,
    fingerprint bytea       NOT NULL,
    result      jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);
-- Lets a retention job delete old entries by age without scanning the table.
CREATE INDEX command_requests_created_at ON command_requests (created_at);

CREATE TABLE products (
    id             uuid        PRIMARY KEY,
    sku            text        NOT NULL UNIQUE,
    name           text        NOT NULL,
    description    text        NOT NULL,
    category       text        NOT NULL,
    price_currency text        NOT NULL CHECK (price_currency ~ '^[A-Z]{3}$'),
    price_minor    bigint      NOT NULL CHECK (price_minor >= 0),
    -- The last line of defence against overselling; the domain already refuses it.
    stock          bigint      NOT NULL CHECK (stock >= 0),
    status         text        NOT NULL CHECK (status IN ('ACTIVE', 'DISCONTINUED')),
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    version        bigint      NOT NULL CHECK (version >= 1)
);

CREATE TABLE users (
    id         uuid        PRIMARY KEY,
    email      text        NOT NULL,
    name       text        NOT NULL,
    deleted    boolean     NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version    bigint      NOT NULL CHECK (version >= 1)
);
-- One live user per address, case-insensitively; a deleted user's address is free again.
CREATE UNIQUE INDEX users_live_email ON users (lower(email)) WHERE NOT deleted;

CREATE TABLE user_email_history (
    user_id    uuid        NOT NULL REFERENCES users (id),
    seq        integer     NOT NULL,
    email      text        NOT NULL,
    changed_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, seq)
);

CREATE TABLE orders (
    id             uuid        PRIMARY KEY,
    customer_id    uuid        NOT NULL REFERENCES users (id),
    customer_name  text        NOT NULL,
    total_currency text        NOT NULL,
    total_minor    bigint      NOT NULL CHECK (total_minor >= 0),
    status         text        NOT NULL CHECK (status IN ('PLACED', 'SHIPPED', 'CANCELLED')),
    placed_at      timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    version        bigint      NOT NULL CHECK (version >= 1)
);
CREATE INDEX orders_customer ON orders (customer_id);

CREATE TABLE order_lines (
    order_id            uuid    NOT NULL REFERENCES orders (id),
    line_no             integer NOT NULL,
    product_id          uuid    NOT NULL REFERENCES products (id),
    product_name        text    NOT NULL,
    quantity            bigint  NOT NULL CHECK (quantity > 0),
    unit_price_currency text    NOT NULL,
    unit_price_minor    bigint  NOT NULL CHECK (unit_price_minor >= 0),
    line_total_minor    bigint  NOT NULL CHECK (line_total_minor >= 0),
    PRIMARY KEY (order_id, line_no),
    UNIQUE (order_id, product_id)
);

CREATE TABLE order_status_history (
    order_id   uuid        NOT NULL REFERENCES orders (id),
    seq        integer     NOT NULL,
    status     text        NOT NULL,
    changed_at timestamptz NOT NULL,
    reason     text        NOT NULL,
    PRIMARY KEY (order_id, seq)
);

-- Every event, in commit-compatible order per aggregate. published_at is set by the relay only
-- after JetStream acknowledged the event.
CREATE TABLE events (
    position          bigserial   PRIMARY KEY,
    event_id          uuid        NOT NULL UNIQUE,
    aggregate_type    text        NOT NULL,
    aggregate_id      uuid        NOT NULL,
    aggregate_version bigint      NOT NULL,
    event_type        text        NOT NULL,
    payload           bytea       NOT NULL,
    occurred_at       timestamptz NOT NULL,
    request_id        text        NOT NULL,
    published_at      timestamptz,
    UNIQUE (aggregate_type, aggregate_id, aggregate_version)
);
-- The relay's work queue: small, because published rows leave it.
CREATE INDEX events_unpublished ON events (position) WHERE published_at IS NULL;
