import { takeAnswersOutOfContract } from '@landscape/testing';

// Every answer a test got from a service held to its OpenAPI document (holdToContract) must be
// one that the document describes.
afterEach(() => expect(takeAnswersOutOfContract()).toEqual([]));
