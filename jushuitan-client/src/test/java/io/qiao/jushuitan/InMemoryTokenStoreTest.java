package io.qiao.jushuitan;

class InMemoryTokenStoreTest extends TokenStoreContract {
    @Override
    TokenStore newStore() {
        return TokenStore.inMemory();
    }
}
