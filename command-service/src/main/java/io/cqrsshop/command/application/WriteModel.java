package io.cqrsshop.command.application;

/** The write model as seen from inside one transaction. */
public interface WriteModel {

  Products products();

  Users users();

  Orders orders();

  EventLog events();

  CommandLog commands();
}
